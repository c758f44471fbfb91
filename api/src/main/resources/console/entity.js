// An entity's page (#/entity/TYPE/ID): its fields as a table, and for a project its accompaniment
// (assignments), its sign-ups and its history (every write, who and when, from the audit log).

import { api, el, show, problemText, when } from "./app.js";

const TYPE_NAMES = { projects: "创业项目", mentors: "导师与专员", parks: "园区与空间", investors: "金融与投资",
  policies: "政策", events: "活动" };
const HIDDEN = new Set(["id", "version", "updatedAt"]);

/** A value as text: lists joined, objects as key：value pairs. */
function text(v) {
  if (v === null || v === undefined) return "—";
  if (Array.isArray(v)) return v.map(text).join("、") || "—";
  if (typeof v === "object") return Object.entries(v).map(([k, x]) => `${k}：${text(x)}`).join("；");
  return String(v);
}

export async function entity() {
  const [, type, id] = (location.hash.match(/^#\/entity\/(\w+)\/([^/?#]+)/) || []);
  if (!type || !TYPE_NAMES[type]) {
    show(el("h2", {}, "详情"), el("p", { class: "notice", role: "alert" }, "地址不完整：应为 #/entity/类型/编号"));
    return;
  }
  const e = await api(`/api/v1/${type}/${encodeURIComponent(id)}`);
  const rows = Object.entries(e).filter(([k]) => !HIDDEN.has(k)).map(([k, v]) =>
    el("tr", {}, el("th", { scope: "row" }, k), el("td", {}, text(v))));
  const parts = [el("h2", {}, `${TYPE_NAMES[type]} · ${e.name}`),
    el("p", { class: "meta" }, `编号 ${e.id} · 第 ${e.version} 版 · 更新于 ${when(e.updatedAt)}`),
    el("table", { id: "entity-fields", class: "calendar" }, el("tbody", {}, rows))];
  if (type === "projects") parts.push(...await projectSections(id));
  show(...parts);
}

async function projectSections(id) {
  const out = [];
  const section = async (title, sectionId, path, render) => {
    try {
      const r = await api(path);
      out.push(el("section", { class: "panel", id: sectionId }, el("h3", {}, title), render(r)));
    } catch (p) {
      if (p.status !== 403 && p.status !== 404)
        out.push(el("section", { class: "panel" }, el("h3", {}, title), el("p", { class: "error" }, problemText(p))));
    }
  };
  await section("陪跑关系", "entity-assignments", `/api/v1/projects/${id}/assignments?status=all`, (r) =>
    r.items.length ? el("ul", {}, r.items.map((a) => el("li", {},
      `${a.counterpartType === "parks" ? "园区" : "导师"} ${a.counterpartId} · ${when(a.startedAt)} 起` + (a.endedAt ? ` · ${when(a.endedAt)} 止` : " · 进行中"))))
      : el("p", { class: "empty" }, "暂无陪跑关系。"));
  await section("活动报名", "entity-registrations", `/api/v1/projects/${id}/registrations`, (r) =>
    r.items.length ? el("ul", {}, r.items.map((g) => el("li", {}, `${g.eventId} · ${g.status}` + (g.position ? ` 第 ${g.position} 位` : ""))))
      : el("p", { class: "empty" }, "暂无报名。"));
  await section("变更记录", "entity-history", `/api/v1/projects/${id}/history`, (r) =>
    r.items.length ? el("ol", { class: "results" }, r.items.map((w) => el("li", {}, `${when(w.at)} · ${w.actor} · ${w.action}` + (w.version ? ` · 第 ${w.version} 版` : ""))))
      : el("p", { class: "empty" }, "暂无记录。"));
  return out;
}
