// 分配方案: an officer (or admin) chooses a cohort by filter, drafts a stable and a coverage
// allocation side by side with their statistics, reads why each left-out project was left out,
// and publishes one; a draft gone stale (slots or projects changed meanwhile) is explained.

import { api, el, show, problemText, vocab, chinese } from "./app.js";

const MODES = [["stable", "稳定匹配（双方都不愿换）"], ["coverage", "最大覆盖（尽量人人有份）"]];

function pick(id, label, options) {
  const s = el("select", { id, name: id }, el("option", { value: "" }, "不限"),
    options.map(([v, t]) => el("option", { value: v }, t)));
  return el("div", {}, el("label", { for: id }, label), s, el("p", { class: "error", id: id + "-error", role: "alert" }));
}

export async function allocate() {
  const me = await api("/api/v1/me");
  if (!["admin", "officer"].includes(me.role)) {
    show(el("h2", {}, "分配方案"), el("p", { class: "notice", role: "alert" }, "分配方案由管理员或主管部门制定：请用相应密钥登录。"));
    return;
  }
  const tax = await vocab();
  const form = el("form", { class: "panel", id: "alloc-form" },
    el("p", {}, me.regionName ? `范围：${me.regionName}（主管部门密钥只能为本区域项目分配）` : "范围：全市"),
    el("div", { class: "grid" },
      pick("district", "区（市）", tax.districts.map((d) => [d.code, d.name])),
      pick("sector", "行业", tax.sectors.map((s) => [s.code, s.name])),
      pick("stage", "阶段", tax.stages.map((s) => [s.code, s.name])),
      el("div", {}, el("label", { for: "counterpart" }, "分配给"),
        el("select", { id: "counterpart" }, el("option", { value: "mentors" }, "创业导师"), el("option", { value: "parks" }, "孵化园区")))),
    el("button", { type: "submit" }, "生成两种方案"),
    el("p", { class: "error", id: "filter-error", role: "alert" }));
  const out = el("div", { id: "alloc-result", class: "two", "aria-live": "polite" });
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    form.querySelectorAll(".error").forEach((x) => (x.textContent = ""));
    const filter = {};
    for (const k of ["district", "sector", "stage"]) if (form.elements[k].value) filter[k] = [form.elements[k].value];
    out.replaceChildren(el("p", { class: "loading", role: "status" }, "正在计算…"));
    try {
      const drafts = [];
      for (const [mode] of MODES)
        drafts.push(await api("/api/v1/allocations", { method: "POST",
          body: { filter, counterpart: form.elements.counterpart.value, mode } }));
      out.replaceChildren(...drafts.map((d, i) => panel(d, MODES[i][1])));
    } catch (p) {
      const field = (p.errors && p.errors[0] && p.errors[0].field) || "";
      const slot = form.querySelector("#" + (field.split(".")[1] || "filter") + "-error") || form.querySelector("#filter-error");
      slot.textContent = chinese(p.errors && p.errors[0] ? p.errors[0].message : p.message);
      out.replaceChildren(el("p", { class: "notice", role: "alert" }, problemText(p)));
    }
  });
  show(el("h2", {}, "分配方案"), form, out);
}

/** One draft: its statistics, who goes where and why, who was left out and why, and publish. */
function panel(d, title) {
  const s = d.stats;
  const section = el("section", { class: "panel", "data-allocation": d.id, "data-mode": d.mode },
    el("h3", {}, title),
    el("p", { class: "counts" }, `项目 ${s.projects} 个，已分配 ${s.assigned} 个（覆盖率 ${(s.coverage * 100).toFixed(1)}%），` +
      `平均匹配度 ${(s.meanScore * 100).toFixed(1)}，阻塞对 ${s.blockingPairs}，剩余名额 ${s.freeSlots}`),
    el("table", { class: "calendar" },
      el("thead", {}, el("tr", {}, ["项目", "分配给", "匹配度", "理由"].map((h) => el("th", { scope: "col" }, h)))),
      el("tbody", {}, d.assignments.map((a) => el("tr", {},
        el("td", {}, a.projectName), el("td", {}, a.counterpartName), el("td", {}, (a.score * 100).toFixed(1)),
        el("td", {}, a.reasons.slice(0, 3).join("；")))))));
  if (d.unassigned.length)
    section.append(el("h4", {}, `未分配（${d.unassigned.length}）及原因`),
      el("ul", { class: "left-out" }, d.unassigned.map((u) => el("li", {},
        el("strong", {}, u.projectName), "：", u.reasons.join("；"),
        u.nearMisses.length ? el("span", { class: "meta" }, " · 最接近：" +
          u.nearMisses.slice(0, 2).map((n) => `${n.name}（${n.why}）`).join("、")) : null))));
  const result = el("p", { role: "status", class: "publish-result" });
  const publish = el("button", { type: "button" }, "发布此方案");
  publish.addEventListener("click", async () => {
    try {
      const p = await api(`/api/v1/allocations/${d.id}/publish`, { method: "POST" });
      result.textContent = `已发布：建立陪跑关系 ${p.assignments.length} 个。`;
      section.dataset.published = "true";
      publish.disabled = true;
    } catch (p) {
      result.textContent = p.status === 409
        ? "无法发布：方案生成后名额或项目已有变化（或已发布），请重新生成方案。（" + p.message + "）"
        : problemText(p);
      result.classList.add("notice");
    }
  });
  section.append(publish, result);
  return section;
}
