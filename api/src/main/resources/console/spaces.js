// 场地预约: a park's spaces and its week of bookings; founders book a room for their project and
// apply to move in, a park's own key also runs its desk (applications to accept or decline).

import { api, el, show, problemText, fieldErrors, chinese, input, Problem } from "./app.js";

const KIND = { desk: "工位", office: "办公室", plant: "厂房", meeting_room: "会议室", roadshow_hall: "路演厅" };
const SPACE_STATUS = { free: "空置", occupied: "已入驻" };
const APP_STATUS = { pending: "待处理", accepted: "已接收", declined: "已婉拒", withdrawn: "已撤回" };

/** A date in Beijing, yyyy-mm-dd, {@code days} from today. */
function day(days) {
  const d = new Date(Date.now() + days * 86400000);
  return d.toLocaleDateString("sv-SE", { timeZone: "Asia/Shanghai" });
}

function hm(iso) {
  return new Date(iso).toLocaleTimeString("zh-CN", { timeZone: "Asia/Shanghai", hour: "2-digit", minute: "2-digit", hour12: false });
}

export async function spaces() {
  const me = await api("/api/v1/me");
  if (me.role === "anonymous") {
    show(el("h2", {}, "场地预约"), el("p", { class: "notice", role: "alert" }, "需要登录：请在“登录”页粘贴您的密钥。"));
    return;
  }
  const parks = (await api("/api/v1/parks?size=100")).items;
  const own = me.boundType === "parks" ? me.boundId : null;
  const pick = el("select", { id: "park" }, parks.map((h) => el("option", { value: h.id, selected: h.id === own }, h.entity.name)));
  const body = el("div", { id: "park-body", "aria-live": "polite" });
  show(el("h2", {}, "场地预约"),
    el("form", { class: "panel", id: "park-pick" }, el("label", { for: "park" }, "园区"), pick), body);
  const load = () => park(me, pick.value, body).catch((p) => body.replaceChildren(el("p", { class: "notice", role: "alert" }, problemText(p))));
  pick.addEventListener("change", load);
  await load();
}

async function park(me, id, body) {
  body.replaceChildren(el("p", { class: "loading", role: "status" }, "正在加载…"));
  const [inv, cal] = await Promise.all([
    api(`/api/v1/parks/${id}/spaces`), api(`/api/v1/parks/${id}/bookings?from=${day(0)}&to=${day(6)}`)]);
  const desk = me.role === "admin" || (me.boundType === "parks" && me.boundId === id);
  const rooms = inv.items.filter((s) => s.bookable);
  const reload = () => park(me, id, body);
  const parts = [
    el("p", { class: "counts", id: "inventory-summary" }, inv.spaces
      ? `共 ${inv.spaces} 处场地，可出租面积 ${inv.rentableArea} ㎡，其中空置 ${inv.freeArea} ㎡（${inv.free} 处）`
      : "该园区尚未登记场地。"),
    inv.items.length ? inventoryTable(inv.items) : null,
    rooms.length ? calendar(me, id, rooms, cal.items, reload) : null,
  ];
  if (rooms.length && ["admin", "founder", "park"].includes(me.role) && (me.role !== "park" || desk))
    parts.push(bookingForm(me, id, rooms, reload));
  if (me.role === "founder") parts.push(applyForm(me, id));
  if (desk) parts.push(await applications(id, inv.items, reload), await incoming(id), await tenants(id));
  body.replaceChildren(...parts.filter(Boolean));
}

function inventoryTable(items) {
  return el("table", { id: "inventory", class: "calendar" },
    el("thead", {}, el("tr", {}, ["场地", "类型", "面积（㎡）", "月租（元）", "状态"].map((h) => el("th", { scope: "col" }, h)))),
    el("tbody", {}, items.map((s) => el("tr", {},
      el("td", {}, s.name), el("td", {}, KIND[s.kind] || s.kind), el("td", {}, String(s.area)),
      el("td", {}, s.monthlyRent ?? "—"), el("td", {}, s.bookable ? "按时段预约" : SPACE_STATUS[s.status] || s.status)))));
}

/** A week by room and day: each cell lists its live bookings, the viewer's own marked. */
function calendar(me, park, rooms, bookings, reload) {
  const days = [...Array(7).keys()].map(day);
  const live = bookings.filter((b) => b.status === "booked");
  return el("section", { class: "panel" }, el("h3", {}, "本周预约（北京时间）"),
    el("table", { id: "booking-calendar", class: "calendar" },
      el("thead", {}, el("tr", {}, el("th", { scope: "col" }, "会议室 / 路演厅"), days.map((d) => el("th", { scope: "col" }, d.slice(5))))),
      el("tbody", {}, rooms.map((r) => el("tr", {}, el("th", { scope: "row" }, r.name), days.map((d) => el("td", {},
        live.filter((b) => b.spaceId === r.id && new Date(b.start).toLocaleDateString("sv-SE", { timeZone: "Asia/Shanghai" }) === d)
          .map((b) => slot(me, park, b, reload)))))))));
}

function slot(me, park, b, reload) {
  const mine = b.projectId && (me.role !== "founder" || b.projectId === me.boundId);
  const s = el("span", { class: "slot" + (mine ? " mine" : ""), "data-booking": b.id },
    `${hm(b.start)}–${hm(b.end)} ${mine ? b.purpose + (b.projectId ? "（" + b.projectId + "）" : "") : "已预约"}`);
  if (mine && (me.role === "founder" || me.role === "admin" || me.boundId === park)) {
    const cancel = el("button", { type: "button", class: "secondary small", "aria-label": `取消 ${hm(b.start)} 的预约` }, "取消");
    cancel.addEventListener("click", async () => {
      try {
        await api(`/api/v1/parks/${park}/bookings/${b.id}`, { method: "DELETE" });
        await reload();
      } catch (p) {
        s.append(el("span", { class: "error", role: "alert" }, problemText(p)));
      }
    });
    s.append(" ", cancel);
  }
  return s;
}

function bookingForm(me, park, rooms, reload) {
  const form = el("form", { class: "panel", id: "booking-form" }, el("h3", {}, "预约会议室或路演厅"),
    el("div", { class: "grid" },
      el("div", {}, el("label", { for: "spaceId" }, "场地"),
        el("select", { id: "spaceId" }, rooms.map((r) => el("option", { value: r.id }, `${r.name}（${KIND[r.kind]}）`))),
        el("p", { class: "error", id: "spaceId-error", role: "alert" })),
      input("date", "日期", "date", { value: day(1), required: true }),
      input("start", "开始时间", "time", { value: "09:00", required: true }),
      input("end", "结束时间", "time", { value: "10:00", required: true }),
      input("purpose", "用途", "text", { value: "", placeholder: "如：融资路演彩排", required: true }),
      me.role === "founder" ? null : input("projectId", "项目编号（可不填）", "text")),
    el("button", { type: "submit" }, "提交预约"),
    el("p", { id: "booking-result", role: "status" }));
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    const f = form.elements;
    const at = (t) => `${f.date.value}T${t}:00+08:00`;
    const body = { spaceId: f.spaceId.value, start: at(f.start.value), end: at(f.end.value), purpose: f.purpose.value.trim() };
    const project = me.role === "founder" ? me.boundId : f.projectId.value.trim();
    if (project) body.projectId = project;
    const result = form.querySelector("#booking-result");
    try {
      await api(`/api/v1/parks/${park}/bookings`, { method: "POST", body });
      result.textContent = "预约成功。";
      await reload();
    } catch (p) {
      const placed = p instanceof Problem ? fieldErrors(form, p, { spaceId: "spaceId", start: "start", end: "end", purpose: "purpose", projectId: "projectId" }) : 0;
      result.textContent = placed ? "请按提示修改。" : p.status === 409 ? "该时段已被占用或不可预约：" + chinese(p.message) : problemText(p);
      result.setAttribute("class", "notice");
    }
  });
  return form;
}

function applyForm(me, park) {
  const form = el("form", { class: "panel", id: "apply-form" }, el("h3", {}, "申请入驻本园区"),
    el("fieldset", { id: "kinds" }, el("legend", {}, "需要的场地"),
      ["office", "desk", "plant"].map((k) => el("label", { for: "kind-" + k }, el("input", { type: "checkbox", id: "kind-" + k, name: "kinds", value: k }), " " + KIND[k])),
      el("p", { class: "error", id: "kinds-error", role: "alert" })),
    el("div", { class: "grid" }, input("area", "面积（㎡）", "number", { min: 1 }), input("note", "说明", "text")),
    el("button", { type: "submit" }, "提交申请"), el("p", { id: "apply-result", role: "status" }));
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    const kinds = [...form.querySelectorAll("input[name=kinds]:checked")].map((i) => i.value);
    const body = { projectId: me.boundId, kinds };
    if (form.elements.area.value) body.area = Number(form.elements.area.value);
    if (form.elements.note.value.trim()) body.note = form.elements.note.value.trim();
    const result = form.querySelector("#apply-result");
    try {
      const m = await api(`/api/v1/parks/${park}/applications`, { method: "POST", body });
      result.textContent = `已提交，编号 ${m.id}，状态：${APP_STATUS[m.status]}。`;
    } catch (p) {
      const placed = p instanceof Problem ? fieldErrors(form, p, { kinds: "kinds", area: "area", note: "note" }) : 0;
      result.textContent = placed ? "请按提示修改。" : problemText(p);
    }
  });
  return form;
}

async function applications(park, items, reload) {
  const list = await api(`/api/v1/parks/${park}/applications`);
  const free = items.filter((s) => !s.bookable && s.status === "free");
  const section = el("section", { class: "panel", id: "applications" }, el("h3", {}, `入驻申请（${list.total}）`));
  if (!list.items.length) section.append(el("p", { class: "empty" }, "暂无入驻申请。"));
  for (const a of list.items) {
    const card = el("article", { class: "card " + (a.status === "accepted" ? "eligible" : a.status === "pending" ? "partial" : "ineligible"), "data-application": a.id },
      el("h3", {}, `项目 ${a.projectId} · ${a.kinds.map((k) => KIND[k] || k).join("、")}` + (a.area ? ` · ${a.area} ㎡` : "")),
      el("p", {}, el("span", { class: "badge", "data-status": a.status }, APP_STATUS[a.status] || a.status), a.note || ""),
      a.reason ? el("p", { class: "meta" }, "理由：" + a.reason) : null);
    if (a.status === "pending") {
      const choose = el("fieldset", {}, el("legend", {}, "分配空置场地"),
        free.map((s) => el("label", { for: `${a.id}-${s.id}` }, el("input", { type: "checkbox", id: `${a.id}-${s.id}`, value: s.id }), ` ${s.name}（${s.area} ㎡）`)));
      const reason = el("input", { type: "text", "aria-label": "婉拒理由" });
      const accept = el("button", { type: "button" }, "接收入驻");
      const decline = el("button", { type: "button", class: "secondary" }, "婉拒");
      const decide = async (body) => {
        try {
          await api(`/api/v1/parks/${park}/applications/${a.id}/decision`, { method: "POST", body });
          await reload();
        } catch (p) {
          card.append(el("p", { class: "error", role: "alert" }, chinese(p.message)));
        }
      };
      accept.addEventListener("click", () => decide({ decision: "accept", spaceIds: [...choose.querySelectorAll("input:checked")].map((i) => i.value) }));
      decline.addEventListener("click", () => decide({ decision: "decline", reason: reason.value.trim() }));
      card.append(choose, accept, el("div", {}, reason, decline));
    }
    section.append(card);
  }
  return section;
}

/** Startups this park suits best (the park → projects recommendation), with the reasons. */
async function incoming(park) {
  const r = await api(`/api/v1/parks/${park}/recommendations?limit=5`);
  return el("section", { class: "panel", id: "park-incoming" }, el("h3", {}, `适合入驻的创业项目（${r.total}）`),
    r.items.length
      ? el("ol", { class: "results" }, r.items.map((x) => el("li", { "data-project": x.id },
        el("strong", {}, x.name), ` · 匹配度 ${(x.score * 100).toFixed(1)}`, el("p", { class: "meta" }, x.reasons.join("；")))))
      : el("p", { class: "empty" }, "暂无。"));
}

/** The park's tenants and, where they consent, their latest growth figures and alerts. */
async function tenants(park) {
  const list = (await api(`/api/v1/parks/${park}/assignments`)).items;
  const rows = [];
  for (const a of list) {
    let latest = "未同意园区查看";
    let alert = "";
    try {
      const [g, al] = await Promise.all([api(`/api/v1/projects/${a.projectId}/growth`), api(`/api/v1/projects/${a.projectId}/alerts`)]);
      const last = g.items[g.items.length - 1];
      latest = last ? `${last.date}：营收 ${last.revenue ?? "—"} 元，员工 ${last.employees ?? "—"} 人` : "暂无成长数据";
      alert = al.items.length ? al.items[0].signals.map((x) => x.label).join("、") : "无";
    } catch (p) {
      if (p.status !== 404) latest = problemText(p);
    }
    rows.push(el("tr", { "data-tenant": a.projectId }, el("td", {}, a.projectId), el("td", {}, latest), el("td", {}, alert)));
  }
  return el("section", { class: "panel", id: "park-tenants" }, el("h3", {}, `在园企业（${list.length}）`),
    rows.length
      ? el("table", { class: "calendar" }, el("thead", {}, el("tr", {}, ["项目", "最新成长数据", "风险预警"].map((h) => el("th", { scope: "col" }, h)))), el("tbody", {}, rows))
      : el("p", { class: "empty" }, "暂无在园企业。"));
}
