// 政策找人: for a policy, the projects it is meant for (eligible or partial, with what is missing),
// and the outreach steps an officer records for each — contacted, applied, granted (with the
// amount) or declined — with where the policy's outreach stands.

import { api, el, show, problemText, chinese, money } from "./app.js";

const STEP = { contacted: "已联系", applied: "已申请", granted: "已兑现", declined: "未申请" };
const VERDICT = { eligible: "可申请", partial: "部分符合" };

export async function outreach() {
  const me = await api("/api/v1/me");
  if (!["admin", "officer", "portal"].includes(me.role)) {
    show(el("h2", {}, "政策找人"), el("p", { class: "notice", role: "alert" }, "政策找人供主管部门使用：请用管理员或主管部门密钥登录。"));
    return;
  }
  const policies = (await api("/api/v1/policies?size=100")).items.filter((h) => h.entity.audience === "founder");
  const pick = el("select", { id: "policy" }, policies.map((h) => el("option", { value: h.id }, h.entity.name)));
  const body = el("div", { id: "outreach-body", "aria-live": "polite" });
  show(el("h2", {}, "政策找人" + (me.regionName ? " · " + me.regionName : "")),
    el("form", { class: "panel" }, el("label", { for: "policy" }, "政策"), pick), body);
  const load = () => render(me, pick.value, body).catch((p) =>
    body.replaceChildren(el("p", { class: "notice", role: "alert" }, problemText(p))));
  pick.addEventListener("change", load);
  await load();
}

async function render(me, policy, body) {
  const [people, summary] = await Promise.all([
    api(`/api/v1/policies/${policy}/recommendations?limit=20`), api(`/api/v1/policies/${policy}/outreach`)]);
  const latest = new Map(summary.items.map((x) => [x.projectId, x]));
  const counts = Object.entries(summary.counts).map(([k, n]) => `${STEP[k] || k} ${n}`).join("，");
  const canWrite = me.role !== "portal";
  const rows = people.items.map((x) => {
    const step = latest.get(x.id);
    const status = el("td", { "data-step": step ? step.status : "none" },
      step ? STEP[step.status] + (step.amount ? "（" + money(step.amount) + "）" : "") : "未联系");
    const actions = el("td", {});
    const amount = el("input", { type: "number", min: "0", step: "1000", class: "amount", "aria-label": x.name + " 兑现金额（元）", placeholder: "金额" });
    if (canWrite) actions.append(amount);
    if (canWrite)
      for (const s of ["contacted", "applied", "granted", "declined"]) {
        const b = el("button", { type: "button", class: "secondary small" }, STEP[s]);
        b.addEventListener("click", async () => {
          const bodyJson = { projectId: x.id, status: s };
          if (s === "granted" && amount.value) bodyJson.amount = Number(amount.value);
          try {
            await api(`/api/v1/policies/${policy}/outreach`, { method: "POST", body: bodyJson });
            await render(me, policy, body);
          } catch (p) {
            actions.append(el("span", { class: "error", role: "alert" }, " " + chinese(p.message)));
          }
        });
        actions.append(b);
      }
    return el("tr", { "data-project": x.id },
      el("td", {}, x.name), el("td", {}, VERDICT[x.verdict] || x.verdict),
      el("td", {}, x.missing ? `尚缺 ${x.missing} 项：` + (x.unknown || []).concat(x.unmet || []).join("、") : "—"),
      status, actions);
  });
  body.replaceChildren(
    el("p", { class: "counts", id: "outreach-summary" },
      `可申请 ${people.eligible} 个、部分符合 ${people.partial} 个项目；跟进：${counts}；已兑现 ${money(summary.grantedAmount) || "0 元"}`),
    rows.length
      ? el("table", { id: "outreach-table", class: "calendar" },
        el("thead", {}, el("tr", {}, ["项目", "判断", "缺少的条件", "跟进", canWrite ? "记录" : ""].map((h) => el("th", { scope: "col" }, h)))),
        el("tbody", {}, rows))
      : el("p", { class: "empty" }, "暂无符合条件的项目。"));
}
