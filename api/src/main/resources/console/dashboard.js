// 区域看板: an officer's (or the admin's) region at a glance — the ledger's headline figures, a map
// of the districts or cities coloured by a chosen figure, alerts by severity, the overdue queue.
// Every number comes from the public API with the user's key; an officer key sees its region only.

import { api, el, show, problemText, vocab, echarts, when, ROLES } from "./app.js";

const FIGURES = [
  ["needsRaised", "需求数", (v) => v],
  ["responseRate", "响应率", (v) => (v === null || v === undefined ? null : Math.round(v * 1000) / 10)],
  ["overdue", "超时需求", (v) => v],
  ["projectsServed", "服务项目", (v) => v],
];
const SEVERITY = { high: "高", medium: "中", low: "低" };
const maps = {};

/** The GeoJSON of a map level, fetched once from this server and registered with ECharts. */
async function map(lib, level) {
  if (!maps[level]) {
    const res = await fetch(`/console/${level}-geo.json`);
    if (!res.ok) throw new Error("地图数据加载失败");
    const geo = await res.json();
    lib.registerMap(level, geo);
    maps[level] = new Map(geo.features.map((f) => [String(f.properties.adcode), f.properties.name]));
  }
  return maps[level];
}

/** Alerts at each severity: the API filters by a minimum severity, so three totals suffice. */
async function alertCounts() {
  const total = async (q) => (await api("/api/v1/alerts?limit=1" + q)).total;
  const [all, medium, high] = await Promise.all([total(""), total("&severity=medium"), total("&severity=high")]);
  return { high, medium: medium - high, low: all - medium, all };
}

function card(label, value, id) {
  return el("div", { class: "stat", id }, el("span", { class: "stat-value" }, String(value)), el("span", { class: "stat-label" }, label));
}

export async function dashboard() {
  const me = await api("/api/v1/me");
  if (!["admin", "officer", "portal"].includes(me.role)) {
    show(el("h2", {}, "区域看板"), el("p", { class: "notice", role: "alert" },
      me.role === "anonymous" ? "需要登录：请用主管部门或管理员密钥登录。" : `区域看板供主管部门使用；${ROLES[me.role] || me.role}密钥无权查看。`));
    return;
  }
  const region = me.regionName ? me.regionName : "全市（不限区域）";
  const form = el("form", { class: "panel", id: "dash-form" },
    el("div", { class: "grid" },
      el("div", {}, el("label", { for: "figure" }, "地图着色"),
        el("select", { id: "figure" }, FIGURES.map(([k, label]) => el("option", { value: k }, label)))),
      el("div", {}, el("label", { for: "level" }, "地图范围"),
        el("select", { id: "level" }, el("option", { value: "qingdao" }, "青岛市各区（市）"), el("option", { value: "shandong" }, "山东省各市")))));
  const cards = el("div", { class: "stats", id: "dash-cards", "aria-live": "polite" }, el("p", { class: "loading", role: "status" }, "正在统计…"));
  const chart = el("div", { id: "dash-map", class: "chart map", role: "img", "aria-label": "各区域指标地图" });
  const caption = el("p", { class: "meta", id: "dash-map-caption" });
  const overdue = el("section", { class: "panel", id: "dash-overdue" }, el("h3", {}, "超时待响应的需求"));
  const alerts = el("section", { class: "panel", id: "dash-alerts" }, el("h3", {}, "风险预警"));
  const parks = el("section", { class: "panel", id: "dash-parks" });
  show(el("h2", {}, "区域看板 · " + region), form, cards, chart, caption,
    el("div", { class: "two" }, overdue, alerts), parks);

  const [stats, severity, late, recent, tax] = await Promise.all([
    api("/api/v1/stats?groupBy=month"), alertCounts(), api("/api/v1/tickets?overdue=true&limit=8"),
    api("/api/v1/alerts?limit=8"), vocab()]);
  const t = stats.total;
  cards.replaceChildren(
    card("近12个月需求", t.needsRaised, "dash-needs"),
    card("响应率", t.responseRate === null ? "—" : (t.responseRate * 100).toFixed(1) + "%", "dash-rate"),
    card("超时需求", t.overdue, "dash-late"),
    card("服务项目", t.projectsServed, "dash-served"),
    card(`风险预警（高 ${severity.high} · 中 ${severity.medium} · 低 ${severity.low}）`, severity.all, "dash-alert-count"));
  overdue.append(late.items.length
    ? el("ul", {}, late.items.map((x) => el("li", {}, `${x.team} · 项目 ${x.projectId} · 应于 ${when(x.dueAt)} 前响应` + (x.responder ? ` · ${x.responder.id}` : " · 未分配"))))
    : el("p", { class: "empty" }, "没有超时的需求。"),
    el("p", { class: "meta" }, `共 ${late.total} 项`));
  alerts.append(recent.items.length
    ? el("ul", {}, recent.items.map((a) => el("li", {},
      el("span", { class: "badge " + (a.severity === "high" ? "ineligible" : "partial") }, SEVERITY[a.severity] || a.severity),
      `${a.name || a.projectId} · ${(a.signals || []).map((x) => x.label).join("、")}`,
      el("span", { class: "meta" }, ` · 陪跑团：${(a.teams || []).join("、")}` +
        ((a.mentors || []).length ? ` · 建议联系：${a.mentors.slice(0, 3).map((m) => m.name).join("、")}` : "")))))
    : el("p", { class: "empty" }, "暂无风险预警。"));

  const year = new Date().getFullYear() - 1;
  const ranking = await api("/api/v1/parks/evaluations?year=" + year);
  const PROPOSAL = { keep: "保留", watch: "观察", exit: "建议退出" };
  parks.append(el("h3", {}, `园区年度评估（${year}年，按《高能级园区行动方案》目标）`),
    ranking.items.length
      ? el("table", { id: "park-ranking", class: "calendar" },
        el("thead", {}, el("tr", {}, ["园区", "得分", "补助建议（元）", "去留建议"].map((h) => el("th", { scope: "col" }, h)))),
        el("tbody", {}, ranking.items.map((x) => el("tr", {},
          el("td", {}, x.parkName), el("td", {}, x.score.toFixed(1)), el("td", {}, x.proposedSubsidy.toLocaleString("zh-CN")),
          el("td", {}, PROPOSAL[x.proposal] || x.proposal)))))
      : el("p", { class: "empty" }, "本区域暂无园区年报。"));
  const districtAdcode = new Map(tax.districts.map((d) => [d.code, String(d.adcode)]));
  const draw = async () => {
    const level = form.querySelector("#level").value;
    const [key, label, value] = FIGURES.find(([k]) => k === form.querySelector("#figure").value);
    try {
      const lib = await echarts();
      const names = await map(lib, level);
      const r = await api("/api/v1/stats?groupBy=" + (level === "qingdao" ? "district" : "city"));
      const data = [];
      for (const line of r.lines) {
        const adcode = level === "qingdao" ? districtAdcode.get(line.key) || line.key : line.key;
        const name = names.get(adcode);
        if (name) data.push({ name, value: value(line[key]) });
      }
      const values = data.map((d) => d.value).filter((v) => v !== null);
      const c = lib.getInstanceByDom(chart) || lib.init(chart);
      c.setOption({
        animation: false,
        tooltip: { trigger: "item", formatter: (p) => `${p.name}<br>${label}：${p.value === undefined || isNaN(p.value) ? "无数据" : p.value + (key === "responseRate" ? "%" : "")}` },
        // a rate is read against the others, so its scale starts at the lowest; counts start at 0
        visualMap: { min: key === "responseRate" && values.length ? Math.min(...values) : 0, max: Math.max(1, ...values), left: "left", bottom: 10, text: ["高", "低"], calculable: true,
          inRange: { color: ["#e8f1fb", "#0b5cad"] } },
        series: [{ type: "map", map: level, name: label, data, label: { show: true, fontSize: 10 },
          emphasis: { label: { show: true } } }],
      }, true);
      chart.dataset.rendered = String(data.length);
      // when the page became useful, for the README's time-to-interactive figure
      if (!chart.dataset.renderedAt) chart.dataset.renderedAt = String(Math.round(performance.now()));
      chart.setAttribute("aria-label", `${label}地图：` + data.map((d) => `${d.name} ${d.value ?? "无数据"}`).join("，"));
      caption.textContent = `${label}，近12个月（${r.from} 至 ${r.to}）；有数据的区域 ${data.length} 个。`;
    } catch (p) {
      caption.textContent = "地图加载失败：" + problemText(p);
    }
  };
  form.addEventListener("change", draw);
  await draw();
}
