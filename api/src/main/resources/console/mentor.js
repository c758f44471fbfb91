// 导师工作台: a mentor's suitable projects with reasons and accept / not-interested buttons (both
// recorded as feedback; an accept may start the accompaniment), the projects it accompanies with
// their growth charts and alerts, and its service log.

import { api, el, show, problemText, chinese, echarts, input } from "./app.js";

const MEASURES = [["revenue", "营收（元）"], ["employees", "员工"]];

export async function mentor() {
  const me = await api("/api/v1/me");
  if (me.boundType !== "mentors") {
    show(el("h2", {}, "导师工作台"), el("p", { class: "notice", role: "alert" }, "导师工作台供创业导师使用：请用导师密钥登录。"));
    return;
  }
  const suitable = el("section", { class: "panel", id: "mentor-suitable" });
  const mine = el("section", { class: "panel", id: "mentor-projects" });
  const log = el("section", { class: "panel", id: "mentor-log" });
  show(el("h2", {}, "导师工作台 · " + me.name), suitable, mine, log);
  const reload = async () => {
    const assigned = (await api(`/api/v1/mentors/${me.boundId}/assignments`)).items;
    await Promise.all([suggestions(me, suitable, reload), accompanied(assigned, mine), sessions(me, assigned, log)]);
  };
  await reload();
}

async function suggestions(me, section, reload) {
  const r = await api(`/api/v1/mentors/${me.boundId}/recommendations?limit=6`);
  const list = el("div", { class: "cards" }, r.items.map((x) => {
    const card = el("article", { class: "card partial", "data-project": x.id },
      el("h3", {}, x.name), el("p", {}, `匹配度 ${(x.score * 100).toFixed(1)}`),
      el("p", { class: "meta" }, x.reasons.join("；")));
    const decide = async (action) => {
      try {
        const ev = await api("/api/v1/feedback", { method: "POST", body: {
          subjectType: "mentors", subjectId: me.boundId, targetType: "projects", targetId: x.id, action } });
        card.append(el("p", { class: "note", role: "status" },
          action === "reject" ? "已记录：暂不考虑（不再推荐）" : ev.assignmentId ? "已建立陪跑关系" : "已记录意愿：" + chinese(ev.note || "")));
        await reload();
      } catch (p) {
        card.append(el("p", { class: "error", role: "alert" }, problemText(p)));
      }
    };
    const yes = el("button", { type: "button" }, "愿意辅导");
    const no = el("button", { type: "button", class: "secondary" }, "暂不考虑");
    yes.addEventListener("click", () => decide("accept"));
    no.addEventListener("click", () => decide("reject"));
    card.append(yes, " ", no);
    return card;
  }));
  section.replaceChildren(el("h3", {}, `适合您的项目（${r.total}）`),
    r.items.length ? list : el("p", { class: "empty" }, "暂无新的适合项目。"));
}

/** Each accompanied project with its growth chart (alert months marked) where it lets us see. */
async function accompanied(assigned, section) {
  section.replaceChildren(el("h3", {}, `我陪跑的项目（${assigned.length}）`));
  if (!assigned.length) return section.append(el("p", { class: "empty" }, "暂无陪跑项目。"));
  const lib = await echarts();
  for (const a of assigned) {
    const box = el("div", { class: "chart small", id: "growth-" + a.projectId, role: "img", "aria-label": a.projectId + " 的成长曲线" });
    const head = el("h4", {}, a.projectId);
    section.append(head, box);
    try {
      const [growth, alerts] = await Promise.all([
        api(`/api/v1/projects/${a.projectId}/growth`), api(`/api/v1/projects/${a.projectId}/alerts`)]);
      const items = growth.items || [];
      const alert = (alerts.items || [])[0];
      if (alert) head.append(" ", el("span", { class: "badge ineligible" }, "风险预警：" + alert.signals.map((s) => s.label).join("、")));
      const c = lib.init(box);
      c.setOption({
        animation: false, tooltip: { trigger: "axis" }, legend: { data: MEASURES.map(([, n]) => n) },
        xAxis: { type: "category", data: items.map((g) => g.date) },
        yAxis: [{ type: "value", name: "元" }, { type: "value", name: "人" }],
        series: MEASURES.map(([k, n], i) => ({ name: n, type: "line", yAxisIndex: i, data: items.map((g) => g[k] ?? null),
          markPoint: i === 0 && alert ? { data: [{ coord: [alert.asOf.slice(0, 7), items.length ? items[items.length - 1].revenue : 0], value: "预警" }] } : undefined })),
      });
      box.dataset.rendered = String(items.length);
    } catch (p) {
      box.replaceChildren(el("p", { class: "meta" }, p.status === 404 ? "该项目未同意导师查看成长数据。" : problemText(p)));
    }
  }
}

async function sessions(me, assigned, section) {
  const r = await api(`/api/v1/mentors/${me.boundId}/sessions`);
  const form = el("form", { id: "session-form" },
    el("div", { class: "grid" },
      el("div", {}, el("label", { for: "s-project" }, "项目"),
        el("select", { id: "s-project" }, assigned.map((a) => el("option", { value: a.projectId }, a.projectId))),
        el("p", { class: "error", id: "s-project-error", role: "alert" })),
      input("s-date", "日期", "date", { value: new Date().toLocaleDateString("sv-SE", { timeZone: "Asia/Shanghai" }) }),
      input("s-hours", "时长（小时）", "number", { value: "1.5", step: "0.5", min: "0.5" }),
      input("s-topic", "主题", "text", { placeholder: "如：融资辅导" })),
    el("button", { type: "submit" }, "记录服务"), el("p", { id: "session-result", role: "status" }));
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    const f = form.elements;
    try {
      await api(`/api/v1/mentors/${me.boundId}/sessions`, { method: "POST", body: {
        projectId: f["s-project"].value, date: f["s-date"].value, hours: Number(f["s-hours"].value), topic: f["s-topic"].value.trim() } });
      await sessions(me, assigned, section);
    } catch (p) {
      const fe = (p.errors || [])[0];
      form.querySelector("#session-result").textContent = fe ? `${fe.field}：${chinese(fe.message)}` : problemText(p);
    }
  });
  section.replaceChildren(el("h3", {}, `服务记录（${r.total} 次，${r.hours} 小时）`), assigned.length ? form : null,
    r.items.length
      ? el("ul", { id: "session-list" }, r.items.slice(0, 10).map((x) => el("li", {}, `${x.date} · ${x.projectId} · ${x.topic} · ${x.hours} 小时`)))
      : el("p", { class: "empty" }, "暂无服务记录。"));
}
