"""Derives src/main/resources/qingdao/places.json from ../shared/datasets (run from datasets/).

Cities and counties: shandong_divisions/*.csv (modood/Administrative-divisions-of-China, WTFPL);
city centres: qingdao_geo/370000_full.json properties.center (GCJ-02). Counties carry no point:
the service uses the Qingdao district seats of taxonomy.json, else the city centre.
"""
import csv, json, sys

shared = sys.argv[1] if len(sys.argv) > 1 else "../../shared/datasets"
geo = json.load(open(f"{shared}/qingdao_geo/370000_full.json", encoding="utf-8"))
centre = {str(f["properties"]["adcode"]): f["properties"]["center"] for f in geo["features"]}
cities = []
for r in csv.DictReader(open(f"{shared}/shandong_divisions/shandong_cities.csv", encoding="utf-8")):
    adcode = r["code"] + "00"
    lon, lat = centre[adcode]
    cities.append({"adcode": adcode, "name": r["name"], "lat": lat, "lon": lon})
counties = [
    {"adcode": r["code"], "name": r["name"], "city": r["cityCode"] + "00"}
    for r in csv.DictReader(open(f"{shared}/shandong_divisions/shandong_counties.csv", encoding="utf-8"))
]
out = {
    "source": "shandong_divisions/shandong_{cities,counties}.csv (modood/Administrative-divisions-of-China,"
    " 57a0aa9, WTFPL); city centres: qingdao_geo/370000_full.json properties.center (GCJ-02)",
    "province": {"adcode": "370000", "name": "山东省"},
    "cities": cities,
    "counties": counties,
}
with open("src/main/resources/qingdao/places.json", "w", encoding="utf-8") as f:
    f.write("{\n")
    f.write(f'  "source": {json.dumps(out["source"], ensure_ascii=False)},\n')
    f.write(f'  "province": {json.dumps(out["province"], ensure_ascii=False)},\n')
    for key in ("cities", "counties"):
        rows = ",\n".join("    " + json.dumps(x, ensure_ascii=False) for x in out[key])
        f.write(f'  "{key}": [\n{rows}\n  ]' + (",\n" if key == "cities" else "\n"))
    f.write("}\n")
print(len(cities), "cities,", len(counties), "counties")
