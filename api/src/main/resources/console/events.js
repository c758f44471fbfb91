// 活动报名: the events ahead; a founder sees the ones recommended for its project (with reasons and
// component bars), signs up and cancels; admin and officers see each event's seats taken.

import { api, el, show, problemText, when } from "./app.js";

const KIND = { competition: "创业大赛", roadshow: "路演", training: "培训", salon: "沙龙",
  first_lesson: "创业第一课", mentor_visit: "导师基层行", other: "活动" };
const SIGNUP = { registered: "已报名", waitlisted: "候补", cancelled: "已取消" };

function day(days) {
  return new Date(Date.now() + days * 86400000).toLocaleDateString("sv-SE", { timeZone: "Asia/Shanghai" });
}

export async function events() {
  const me = await api("/api/v1/me");
  const founder = me.role === "founder" ? me.boundId : null;
  const list = el("section", { id: "event-list", "aria-live": "polite" }, el("p", { class: "loading", role: "status" }, "正在加载…"));
  const mine = el("section", { id: "event-mine" });
  show(el("h2", {}, "活动报名"), mine, list);
  const reload = () => render(me, founder, list, mine).catch((p) =>
    list.replaceChildren(el("p", { class: "notice", role: "alert" }, problemText(p))));
  await reload();
}

async function render(me, founder, list, mine) {
  const page = await api(`/api/v1/events?status=open&from=${day(0)}&to=${day(60)}&size=50`);
  const signed = founder ? (await api(`/api/v1/projects/${founder}/registrations`)).items : [];
  const byEvent = new Map(signed.filter((r) => r.status !== "cancelled").map((r) => [r.eventId, r]));
  const reload = () => render(me, founder, list, mine);
  if (founder) {
    const rec = await api(`/api/v1/projects/${founder}/recommendations?target=events&limit=5`);
    mine.replaceChildren(el("h3", {}, "为您的项目推荐"),
      rec.items.length
        ? el("ol", { class: "results", id: "event-recommended" }, rec.items.map((x) =>
          el("li", { "data-event": x.id }, el("strong", {}, x.name), ` · 匹配度 ${(x.score * 100).toFixed(0)}`,
            el("p", { class: "meta" }, x.reasons.join("；")))))
        : el("p", { class: "empty" }, "暂无可报名的推荐活动（已报名的不再推荐）。"));
  }
  const cards = page.items.map((h) => card(me, founder, h.entity, byEvent.get(h.id), reload));
  list.replaceChildren(el("h3", {}, `近两个月可报名的活动（${page.total}）`),
    cards.length ? el("div", { class: "cards" }, cards) : el("p", { class: "empty" }, "暂无活动。"));
}

function card(me, founder, e, signup, reload) {
  const c = el("article", { class: "card " + (signup ? "eligible" : "partial"), "data-event": e.id },
    el("h3", {}, e.name),
    el("p", {}, el("span", { class: "badge partial" }, KIND[e.kind] || e.kind), e.series ? "系列：" + e.series : ""),
    el("p", { class: "meta" }, `${when(e.start)} 开始 · 报名截止 ${when(e.registrationDeadline || e.start)}` +
      (e.capacity ? ` · 名额 ${e.capacity}` : " · 不限名额") + (e.waitlist ? "（可候补）" : "")),
    e.description ? el("p", {}, e.description) : null);
  const status = el("p", { class: "signup", "data-signup": signup ? signup.status : "none" },
    signup ? SIGNUP[signup.status] + (signup.position ? ` 第 ${signup.position} 位` : "") : "");
  c.append(status);
  const act = async (method, path, body) => {
    try {
      await api(path, { method, body });
      await reload();
    } catch (p) {
      c.append(el("p", { class: "error", role: "alert" }, p.status === 409 ? "无法报名：" + p.message : problemText(p)));
    }
  };
  const closed = new Date(e.registrationDeadline || e.start) < new Date();
  if (closed && !signup) c.append(el("p", { class: "meta", "data-closed": "true" }, "报名已截止"));
  if (founder && !signup && !closed) {
    const b = el("button", { type: "button" }, "为本项目报名");
    b.addEventListener("click", () => act("POST", `/api/v1/events/${e.id}/registrations`, { projectId: founder }));
    c.append(b);
  }
  if (founder && signup) {
    const b = el("button", { type: "button", class: "secondary" }, "取消报名");
    b.addEventListener("click", () => act("DELETE", `/api/v1/events/${e.id}/registrations/${founder}`));
    c.append(b);
  }
  if (["admin", "portal", "officer"].includes(me.role)) {
    api(`/api/v1/events/${e.id}/registrations`).then((r) =>
      c.append(el("p", { class: "meta" }, `已报名 ${r.registered}` + (r.waitlisted ? `，候补 ${r.waitlisted}` : ""))));
  }
  return c;
}
