import { dashboard } from "./dashboard.js";
import { spaces } from "./spaces.js";
import { events } from "./events.js";
import { allocate } from "./allocate.js";
import { mentor } from "./mentor.js";
import { entity } from "./entity.js";
import { outreach } from "./outreach.js";

// The console: plain ES modules, no build step, no CDN. It calls only the public API with the key
// the user pasted (kept in sessionStorage, gone when the tab closes), and renders every value as
// text (never as HTML).

const main = document.getElementById("main");
export const KEY = "matcher.key";

/** An API problem document as an exception: status, detail, field errors. */
export class Problem extends Error {
  constructor(status, doc) {
    super(doc.detail || "请求失败（" + status + "）");
    this.status = status;
    this.errors = doc.errors || [];
  }
}

export async function api(path, options = {}) {
  const headers = { Accept: "application/json" };
  const key = sessionStorage.getItem(KEY);
  if (key) headers.Authorization = "Bearer " + key;
  if (options.body !== undefined) headers["Content-Type"] = "application/json";
  const res = await fetch(path, {
    method: options.method || "GET",
    headers,
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
  const text = await res.text();
  const json = text ? JSON.parse(text) : null;
  if (!res.ok) throw new Problem(res.status, json || {});
  return json;
}

/** el("p", {class: "x"}, "text", child…): an element with attributes and text or element children. */
export function el(tag, attrs = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (k === "class") e.className = v;
    else if (k === "text") e.textContent = v;
    else e.setAttribute(k, v === true ? "" : v);
  }
  for (const c of children.flat()) {
    if (c === undefined || c === null || c === false) continue;
    e.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return e;
}

export function show(...nodes) {
  main.replaceChildren(...nodes);
  main.focus();
}

// ---- what the server says, in Chinese ----

const PATTERNS = [
  [/^is required.*$/, () => "必填"],
  [/^must not be blank$/, () => "不能为空"],
  [/^must be between (\S+) and (\S+) \(got (.+)\)$/, (m) => `应在 ${m[1]} 到 ${m[2]} 之间（填写的是 ${m[3]}）`],
  [/^must be a date.*$/, () => "应为日期（年-月-日）"],
  [/^must be an integer.*$/, () => "应为整数"],
  [/^contradicts district '(.+)', which is in (\S+) .*$/, (m) => `与所选区县不一致：它属于${m[2]}`],
  [/^unknown (\w+) '(.+?)'.*$/, (m) => `未知的代码“${m[2]}”`],
];

export function chinese(message) {
  for (const [re, f] of PATTERNS) {
    const m = message.match(re);
    if (m) return f(m);
  }
  return message;
}

export function problemText(p) {
  if (p.status === 401) return "需要登录：请在“登录”页粘贴您的密钥。";
  if (p.status === 403) return "您的角色无权进行此操作。";
  if (p.status === 404) return "未找到：" + p.message;
  if (p.status === 429) return "请求过于频繁，请稍后再试。";
  return p.message;
}

// ---- shared vocabulary ----

let taxonomy = null;
export async function vocab() {
  if (!taxonomy) taxonomy = await api("/api/v1/taxonomy");
  return taxonomy;
}

const VERDICT = { eligible: "可申请", partial: "部分符合", ineligible: "不符合" };
const RESULT = { met: "满足", unmet: "不满足", unknown: "待确认" };
const COMPONENTS = {
  sector: "行业", stage: "阶段", location: "距离", needs: "需求", text: "描述相似", capacity: "名额",
  reciprocal: "对方意愿", space: "场地", kind: "类型", freeSpace: "免费场地", ticket: "额度",
  instrument: "融资方式", track: "投资经验", benefit: "政策力度", time: "时间", organiser: "主办方",
  related: "相似项目",
};

export function money(yuan) {
  if (yuan === undefined || yuan === null) return null;
  return yuan >= 10000 ? (yuan / 10000).toLocaleString("zh-CN") + " 万元" : yuan + " 元";
}

export function select(id, label, options, value = "") {
  const s = el("select", { id, name: id });
  s.append(el("option", { value: "" }, "不填"));
  for (const [v, text] of options) s.append(el("option", { value: v, selected: v === value }, text));
  return el("div", {}, el("label", { for: id }, label), s, el("p", { class: "error", id: id + "-error", role: "alert" }));
}

export function input(id, label, type, attrs = {}) {
  return el("div", {}, el("label", { for: id }, label),
    el("input", { id, name: id, type, "aria-describedby": id + "-error", ...attrs }),
    el("p", { class: "error", id: id + "-error", role: "alert" }));
}

function checks(name, legend, options) {
  const f = el("fieldset", { id: name }, el("legend", {}, legend));
  for (const [v, text] of options) {
    const id = name + "-" + v;
    f.append(el("label", { for: id }, el("input", { type: "checkbox", id, name, value: v }), " " + text));
  }
  f.append(el("p", { class: "error", id: name + "-error", role: "alert" }));
  return f;
}

function checked(form, name) {
  return [...form.querySelectorAll(`input[name="${name}"]:checked`)].map((i) => i.value);
}

// ---- 政策计算器 ----

const TAGS = ["小微企业", "合伙创业", "重点群体", "已获创业担保贷款", "受灾影响", "信用良好"];

/** The form's fields as a profile: only what the user filled in (the calculator takes any subset). */
function profileOf(form) {
  const v = (id) => form.elements[id].value.trim();
  const p = {};
  if (v("stage")) p.stage = v("stage");
  if (v("sector")) p.sectors = [v("sector")];
  if (v("district") || v("city")) {
    p.location = {};
    if (v("district")) p.location.district = v("district");
    if (v("city")) p.location.city = v("city");
  }
  const groups = checked(form, "groups");
  if (groups.length || v("graduationYear")) {
    p.founder = {};
    if (groups.length) p.founder.groups = groups;
    if (v("graduationYear")) p.founder.graduationYear = Number(v("graduationYear"));
  }
  if (v("employees")) p.employees = Number(v("employees"));
  if (v("registeredAt")) p.registeredAt = v("registeredAt");
  if (v("inPark")) p.inPark = v("inPark") === "yes";
  const needs = checked(form, "needs");
  if (needs.length) p.needs = needs;
  const tags = checked(form, "tags");
  if (tags.length) p.tags = tags;
  return p;
}

/** A problem's field path (profile.founder.graduationYear) → the form control that caused it. */
const FIELD_IDS = {
  "profile.stage": "stage", "profile.sectors": "sector", "profile.location.district": "district",
  "profile.location.city": "city", "profile.location": "city", "profile.founder.groups": "groups",
  "profile.founder.graduationYear": "graduationYear", "profile.employees": "employees",
  "profile.registeredAt": "registeredAt", "profile.inPark": "inPark", "profile.needs": "needs",
  "profile.tags": "tags", date: "date",
};

export function fieldErrors(form, problem, ids) {
  form.querySelectorAll(".error").forEach((e) => (e.textContent = ""));
  let placed = 0;
  for (const fe of problem.errors) {
    const path = fe.field.replace(/\[\d+\]$/, "");
    const id = ids[fe.field] || ids[path];
    const slot = id && document.getElementById(id + "-error");
    if (slot) {
      slot.textContent = chinese(fe.message);
      placed++;
    }
  }
  return placed;
}

async function calculator() {
  const t = await vocab();
  const cities = t.places.filter((p) => p.level === "CITY").map((p) => [p.adcode, p.name]);
  const form = el("form", { class: "panel", id: "calc-form", novalidate: true },
    el("p", {}, "填写您知道的信息即可，未填的条件显示为“待确认”。"),
    el("div", { class: "grid" },
      select("stage", "发展阶段", t.stages.map((s) => [s.code, s.name])),
      select("sector", "主要行业", t.sectors.map((s) => [s.code, s.name])),
      select("city", "所在城市", cities),
      select("district", "所在区（市、县）", []),
      input("graduationYear", "毕业年份", "number", { min: 1950, max: 2100, step: 1 }),
      input("employees", "员工人数", "number", { min: 0, step: 1 }),
      input("registeredAt", "注册日期", "date"),
      select("inPark", "是否入驻孵化园区", [["yes", "是"], ["no", "否"]]),
      input("date", "按此日期判断（可选）", "date")),
    checks("groups", "创业者群体", t.founderGroups.map((g) => [g.code, g.name])),
    checks("needs", "服务需求", t.services.map((s) => [s.code, s.name])),
    checks("tags", "其他情况", TAGS.map((x) => [x, x])),
    el("button", { type: "submit" }, "计算可享政策"));
  const city = form.querySelector("#city");
  const district = form.querySelector("#district");
  city.addEventListener("change", () => {
    district.replaceChildren(el("option", { value: "" }, "不填"));
    for (const p of t.places.filter((x) => x.level === "COUNTY" && x.parent === city.value))
      district.append(el("option", { value: p.district || p.adcode }, p.name));
  });
  const out = el("section", { id: "calc-result", "aria-live": "polite" });
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    form.querySelectorAll(".error").forEach((x) => (x.textContent = ""));
    const body = { profile: profileOf(form), includeIneligible: true };
    if (form.elements.date.value) body.date = form.elements.date.value;
    out.replaceChildren(el("p", { class: "loading", role: "status" }, "正在计算…"));
    try {
      renderVerdicts(out, await api("/api/v1/policies/match", { method: "POST", body }));
    } catch (p) {
      const placed = p instanceof Problem ? fieldErrors(form, p, FIELD_IDS) : 0;
      out.replaceChildren(el("p", { class: "notice", role: "alert" },
        placed ? "请按提示修改标红的项目。" : problemText(p)));
    }
  });
  show(el("h2", {}, "政策计算器"), form, out);
}

function renderVerdicts(out, answer) {
  const c = answer.counts;
  const cards = el("div", { class: "cards" });
  for (const item of answer.items) cards.append(verdictCard(item));
  out.replaceChildren(
    el("p", { class: "counts", id: "calc-counts" },
      `截至 ${answer.date}：可申请 ${c.eligible} 项 · 部分符合 ${c.partial} 项 · 不符合 ${c.ineligible} 项`),
    answer.items.length ? cards : el("p", { class: "empty" }, "没有面向创业者的有效政策。"));
}

function verdictCard(item) {
  const b = item.benefit || {};
  const facts = [money(b.maxAmount) && "最高 " + money(b.maxAmount),
    b.interestSubsidyRate === 1 ? "全额贴息" : b.interestSubsidyRate ? `贴息 ${Math.round(b.interestSubsidyRate * 100)}%` : null,
    b.guaranteeFree ? "免担保" : null, b.termYears ? `期限 ${b.termYears} 年` : null].filter(Boolean);
  const card = el("article", { class: "card " + item.verdict, "data-policy": item.id },
    el("h3", {}, item.name),
    el("p", {}, el("span", { class: "badge " + item.verdict }, VERDICT[item.verdict]), facts.join(" · ")),
    el("p", {}, b.text),
    el("p", { class: "meta" }, [item.issuer, item.docNumber].filter(Boolean).join(" · ")));
  if (item.unmet.length) card.append(el("div", { class: "lack" }, "不满足：", el("ul", {}, item.unmet.map((x) => el("li", { class: "unmet" }, x)))));
  if (item.unknown.length) card.append(el("div", { class: "lack" }, "待确认：", el("ul", {}, item.unknown.map((x) => el("li", { class: "unknown" }, x)))));
  const conds = el("details", {}, el("summary", {}, "条件与原文依据"));
  for (const c of item.conditions) {
    conds.append(el("div", { class: "cond" }, el("span", { class: c.result }, RESULT[c.result] + "："), c.label,
      c.gap ? `（${c.gap}）` : null, c.quote ? el("blockquote", {}, "原文：" + c.quote) : null));
  }
  card.append(conds);
  const a = item.application;
  if (a) {
    const how = el("details", {}, el("summary", {}, "如何申请"));
    if (a.channel) how.append(el("p", {}, "渠道：" + a.channel));
    if (a.materials) how.append(el("p", {}, "材料：" + a.materials.join("、")));
    if (a.contact) how.append(el("p", {}, "咨询：" + a.contact));
    if (a.url) how.append(el("p", {}, el("a", { href: a.url, rel: "noopener" }, a.url)));
    card.append(how);
  }
  card.append(el("p", { class: "meta" }, "来源：" + item.source));
  return card;
}

// ---- 搜索 ----

const TYPES = [["projects", "创业项目"], ["mentors", "导师与专员"], ["parks", "园区与空间"], ["investors", "金融与投资"], ["policies", "政策"]];

async function search() {
  const t = await vocab();
  const sectorName = Object.fromEntries(t.sectors.map((s) => [s.code, s.name]));
  const placeName = Object.fromEntries(t.places.map((p) => [p.district || p.adcode, p.name]));
  const form = el("form", { class: "panel", id: "search-form" },
    el("div", { class: "grid" },
      select("type", "类别", TYPES, "projects"),
      input("q", "关键词", "text", { placeholder: "如：数字经济、海洋牧场、无人机" }),
      select("city", "城市", t.places.filter((p) => p.level === "CITY").map((p) => [p.adcode, p.name]))),
    el("button", { type: "submit" }, "搜索"));
  form.elements.type.querySelector('option[value=""]').remove();
  const out = el("section", { id: "search-result", "aria-live": "polite" });
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    const params = new URLSearchParams({ size: "20" });
    if (form.elements.q.value.trim()) params.set("q", form.elements.q.value.trim());
    if (form.elements.city.value) params.set("city", form.elements.city.value);
    out.replaceChildren(el("p", { class: "loading", role: "status" }, "正在搜索…"));
    try {
      const r = await api(`/api/v1/${form.elements.type.value}?${params}`);
      const facets = el("div", { class: "facets", "aria-label": "行业分布" },
        Object.entries(r.facets.sector || {}).map(([k, n]) => el("span", { class: "chip" }, `${sectorName[k] || k} ${n}`)));
      const list = el("ol", { class: "results" }, r.items.map((h) => {
        const e = h.entity;
        const where = e.location ? placeName[e.location.district] || placeName[e.location.city] : null;
        return el("li", { "data-id": h.id }, el("a", { href: `#/entity/${form.elements.type.value}/${h.id}` }, el("strong", {}, e.name)), " ",
          el("span", { class: "meta" }, [where, (e.sectors || []).map((s) => sectorName[s] || s).join("、")].filter(Boolean).join(" · ")),
          e.description ? el("div", {}, e.description) : null);
      }));
      out.replaceChildren(el("p", { class: "counts", id: "search-total" }, `共 ${r.total} 条`), facets,
        r.items.length ? list : el("p", { class: "empty" }, "没有找到，换个关键词试试。"));
    } catch (p) {
      out.replaceChildren(el("p", { class: "notice", role: "alert" }, problemText(p)));
    }
  });
  show(el("h2", {}, "搜索"), form, out);
}

// ---- 智能推荐 ----

async function recommend() {
  const form = el("form", { class: "panel", id: "rec-form" },
    el("div", { class: "grid" },
      input("project", "项目编号", "text", { placeholder: "如 syn-p-00112" }),
      select("target", "推荐对象", [["mentors", "导师与专员"], ["parks", "园区与空间"], ["investors", "金融与投资"], ["policies", "政策"]], "mentors")),
    el("button", { type: "submit" }, "推荐"));
  form.elements.target.querySelector('option[value=""]').remove();
  const out = el("section", { id: "rec-result", "aria-live": "polite" });
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    const id = form.elements.project.value.trim();
    form.querySelector("#project-error").textContent = id ? "" : "请填写项目编号";
    if (!id) return;
    out.replaceChildren(el("p", { class: "loading", role: "status" }, "正在推荐…"));
    try {
      const target = form.elements.target.value;
      const r = await api(`/api/v1/projects/${encodeURIComponent(id)}/recommendations?target=${target}&limit=10${target === "policies" ? "&includePartial=true" : ""}`);
      const cards = el("div", { class: "cards" }, r.items.map((m) => el("article", { class: "card " + (m.verdict || "eligible"), "data-id": m.id },
        el("h3", {}, m.name), el("p", {}, `匹配度 ${(m.score * 100).toFixed(1)}`, m.verdict ? el("span", { class: "badge " + m.verdict }, VERDICT[m.verdict]) : null),
        el("div", { class: "bars" }, Object.entries(m.components || {}).map(([k, v]) => {
          const fill = el("div", { class: "fill" });
          fill.style.width = Math.round(v * 100) + "%";
          return el("div", { class: "bar" }, el("span", {}, COMPONENTS[k] || k),
            el("div", { class: "track", role: "img", "aria-label": `${COMPONENTS[k] || k} ${Math.round(v * 100)}%` }, fill),
            el("span", {}, Math.round(v * 100) + "%"));
        })),
        el("ul", {}, (m.reasons || []).map((x) => el("li", {}, x))))));
      out.replaceChildren(el("p", { class: "counts" }, `符合硬性条件的候选共 ${r.total} 个，显示前 ${r.items.length} 个`),
        r.items.length ? cards : el("p", { class: "empty" }, "没有符合条件的候选。"));
    } catch (p) {
      out.replaceChildren(el("p", { class: "notice", role: "alert" }, problemText(p)));
    }
  });
  show(el("h2", {}, "智能推荐"), form, out);
}


// ---- 需求工单 ----

const STATUS = { open: "待分配", assigned: "已分配", responded: "已答复", resolved: "已解决", closed: "已关闭" };
const CHANNEL = { portal: "门户", hotline: "12333热线", visit: "走访", alert: "风险预警", founder: "创业者" };

/** A time as people in Qingdao read it (Beijing time), to the minute. */
export function when(iso) {
  if (!iso) return "—";
  return new Date(iso).toLocaleString("zh-CN", { timeZone: "Asia/Shanghai", hour12: false,
    year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit" });
}

async function tickets() {
  const t = await vocab();
  const me = await refreshWho();
  const role = me ? me.role : "anonymous";
  if (role === "anonymous" || !["admin", "portal", "founder", "mentor"].includes(role)) {
    show(el("h2", {}, "需求工单"), el("p", { class: "notice", role: "alert" },
      role === "anonymous" ? "请先登录：创业者、导师和管理人员可以使用工单。" : "您的角色没有工单。"));
    return;
  }
  const parts = [el("h2", {}, role === "mentor" ? "我的工单" : role === "founder" ? "我的需求" : "工单队列")];
  const list = el("section", { id: "ticket-list", "aria-live": "polite" });
  if (role !== "mentor") {
    const form = el("form", { class: "panel", id: "ticket-form" },
      el("div", { class: "grid" },
        role === "founder" ? null : input("projectId", "项目编号", "text", { placeholder: "如 syn-p-00112" }),
        select("need", "需要什么帮助", t.services.map((x) => [x.code, x.name + "（" + x.team + "）"]))),
      input("text", "具体说明", "text", { placeholder: "例如：需要一笔30万元的创业担保贷款" }),
      el("button", { type: "submit" }, "提交需求"));
    form.addEventListener("submit", async (e) => {
      e.preventDefault();
      form.querySelectorAll(".error").forEach((x) => (x.textContent = ""));
      const body = { need: form.elements.need.value, text: form.elements.text.value.trim(),
        projectId: role === "founder" ? me.boundId : form.elements.projectId.value.trim() };
      try {
        const o = await api("/api/v1/tickets", { method: "POST", body });
        const names = o.candidates.map((c) => c.name).join("、");
        form.after(el("p", { class: "notice", role: "status", id: "ticket-opened" },
          `已受理：工单 ${o.ticket.id}，由${o.team}负责，请在 ${when(o.ticket.dueAt)} 前首次响应。` + (names ? `推荐的服务人员：${names}` : "")));
        await loadTickets(list, role);
      } catch (p) {
        if (!(p instanceof Problem) || !fieldErrors(form, p, { need: "need", text: "text", projectId: "projectId" }))
          form.after(el("p", { class: "notice", role: "alert" }, problemText(p)));
      }
    });
    parts.push(form);
  }
  parts.push(list);
  show(...parts);
  await loadTickets(list, role);
}

async function loadTickets(list, role) {
  const page = await api("/api/v1/tickets?limit=50");
  const rows = page.items.map((x) => ticketCard(x, role, list));
  list.replaceChildren(el("p", { class: "counts", id: "ticket-total" }, `共 ${page.total} 个工单`),
    rows.length ? el("div", { class: "cards" }, rows) : el("p", { class: "empty" }, "暂无工单。"));
}

function ticketCard(x, role, list) {
  const card = el("article", { class: "card " + (x.overdue ? "ineligible" : x.status === "resolved" || x.status === "closed" ? "eligible" : "partial"), "data-ticket": x.id },
    el("h3", {}, x.team + " · " + x.text),
    el("p", {}, el("span", { class: "badge " + (x.overdue ? "ineligible" : x.status === "resolved" || x.status === "closed" ? "eligible" : "partial"), "data-status": x.status }, STATUS[x.status]),
      x.overdue ? el("strong", { class: "unmet" }, "已超时 ") : null,
      `来源：${CHANNEL[x.channel] || x.channel}`),
    el("p", { class: "meta" }, `项目 ${x.projectId} · 提出 ${when(x.createdAt)} · 应于 ${when(x.dueAt)} 前响应` +
      (x.responder ? ` · 负责人 ${x.responder.id}` : "") + (x.rating ? ` · 评分 ${x.rating}` : "")),
    x.outcome ? el("p", {}, "结果：" + x.outcome) : null);
  const act = async (path, body) => {
    try {
      await api(`/api/v1/tickets/${x.id}/${path}`, { method: "POST", body });
      await loadTickets(list, role);
    } catch (p) {
      card.append(el("p", { class: "error", role: "alert" }, problemText(p)));
    }
  };
  const textAction = (label, path, field) => {
    const id = `t-${x.id}-${path}`;
    const box = el("input", { type: "text", id, "aria-label": label + "内容" });
    const b = el("button", { type: "button", class: "secondary" }, label);
    b.addEventListener("click", () => act(path, { [field]: box.value.trim() }));
    return el("div", {}, box, b);
  };
  if ((role === "admin" || role === "officer") && (x.status === "open" || x.status === "assigned")) {
    const id = `t-${x.id}-assign`;
    const box = el("input", { type: "text", id, placeholder: "导师编号", "aria-label": "分配给导师编号" });
    const b = el("button", { type: "button", class: "secondary" }, "分配");
    b.addEventListener("click", () => act("assign", { responder: { type: "mentors", id: box.value.trim() } }));
    card.append(el("div", {}, box, b));
  }
  if ((role === "mentor" || role === "admin" || role === "officer") && (x.status === "assigned" || x.status === "responded"))
    card.append(textAction("答复", "respond", "text"));
  if ((role === "mentor" || role === "admin" || role === "officer") && x.status === "responded")
    card.append(textAction("解决", "resolve", "outcome"));
  if ((role === "founder" || role === "admin") && (x.status === "resolved" || x.status === "closed")) {
    const s = el("select", { id: `t-${x.id}-rating`, "aria-label": "评分" }, [5, 4, 3, 2, 1].map((n) => el("option", { value: String(n) }, n + " 分")));
    const b = el("button", { type: "button", class: "secondary" }, "评分");
    b.addEventListener("click", () => act("rate", { rating: Number(s.value) }));
    card.append(el("div", {}, s, b));
  }
  return card;
}


// ---- 陪跑台账 ----

let chartLib = null;
/** Loads Apache ECharts from this server once, when a page first needs a chart. */
export function echarts() {
  if (!chartLib)
    chartLib = new Promise((resolve, reject) => {
      const s = el("script", { src: "/console/vendor/echarts.js" });
      s.addEventListener("load", () => resolve(window.echarts));
      s.addEventListener("error", () => reject(new Error("图表库加载失败")));
      document.head.append(s);
    });
  return chartLib;
}

const LEDGER_COLUMNS = [
  ["label", "名称"], ["needsRaised", "需求数"], ["responded", "已响应"], ["resolved", "已解决"],
  ["overdue", "超时"], ["responseRate", "响应率"], ["firstResponseHours", "首次响应（小时，中位数）"],
  ["projectsServed", "服务项目"], ["sessions", "陪跑次数"], ["contacted", "政策已联系"], ["granted", "政策已兑现"],
  ["grantedAmount", "兑现金额（元）"], ["registrations", "活动报名"], ["bookings", "场地预约"],
];

async function ledger() {
  const form = el("form", { class: "panel", id: "ledger-form" },
    el("div", { class: "grid" },
      select("groupBy", "分组", [["month", "按月"], ["district", "按区（市）"], ["sector", "按行业"], ["need", "按需求"]], "month"),
      input("from", "起始日期", "date"), input("to", "截止日期", "date")),
    el("button", { type: "submit" }, "生成台账"),
    el("button", { type: "button", class: "secondary", id: "csv" }, "下载 CSV"),
    el("button", { type: "button", class: "secondary", id: "xlsx" }, "下载 Excel"));
  form.elements.groupBy.querySelector('option[value=""]').remove();
  const chart = el("div", { id: "ledger-chart", class: "chart", role: "img", "aria-label": "需求与响应率图" });
  const out = el("section", { id: "ledger-result", "aria-live": "polite" });
  const query = (format) => {
    const p = new URLSearchParams({ groupBy: form.elements.groupBy.value });
    if (form.elements.from.value) p.set("from", form.elements.from.value);
    if (form.elements.to.value) p.set("to", form.elements.to.value);
    if (format) p.set("format", format);
    return "/api/v1/stats?" + p;
  };
  const download = async (format) => {
    const key = sessionStorage.getItem(KEY);
    const res = await fetch(query(format), { headers: key ? { Authorization: "Bearer " + key } : {} });
    if (!res.ok) return out.prepend(el("p", { class: "notice", role: "alert" }, "下载失败（" + res.status + "）"));
    const a = el("a", { href: URL.createObjectURL(await res.blob()), download: `陪跑台账.${format}` });
    document.body.append(a);
    a.click();
    a.remove();
  };
  form.querySelector("#csv").addEventListener("click", () => download("csv"));
  form.querySelector("#xlsx").addEventListener("click", () => download("xlsx"));
  const load = async () => {
    out.replaceChildren(el("p", { class: "loading", role: "status" }, "正在统计…"));
    form.querySelectorAll(".error").forEach((x) => (x.textContent = ""));
    try {
      const r = await api(query());
      const t = r.total;
      const rate = t.responseRate === null ? "—" : (t.responseRate * 100).toFixed(1) + "%";
      const table = el("table", { id: "ledger-table" },
        el("thead", {}, el("tr", {}, LEDGER_COLUMNS.map(([, h]) => el("th", { scope: "col" }, h)))),
        el("tbody", {}, [...r.lines, t].map((line) => el("tr", {}, LEDGER_COLUMNS.map(([k]) =>
          el("td", {}, k === "responseRate" && line[k] !== null ? (line[k] * 100).toFixed(1) + "%" : line[k] ?? "—"))))));
      out.replaceChildren(
        el("p", { class: "counts", id: "ledger-summary" },
          `${r.from} 至 ${r.to}：需求 ${t.needsRaised} 项，响应率 ${rate}，超时 ${t.overdue} 项，服务项目 ${t.projectsServed} 个`),
        table);
      const lib = await echarts();
      const c = lib.getInstanceByDom(chart) || lib.init(chart);
      c.setOption({
        animation: false, // drawn at once: what the screen shows is the data, not a moment of it
        tooltip: { trigger: "axis" },
        legend: { data: ["需求数", "已解决", "响应率"] },
        xAxis: { type: "category", data: r.lines.map((l) => l.label) },
        yAxis: [{ type: "value", name: "项" }, { type: "value", name: "响应率", min: 0, max: 1,
          axisLabel: { formatter: (v) => Math.round(v * 100) + "%" } }],
        series: [
          { name: "需求数", type: "bar", data: r.lines.map((l) => l.needsRaised) },
          { name: "已解决", type: "bar", data: r.lines.map((l) => l.resolved) },
          { name: "响应率", type: "line", yAxisIndex: 1, data: r.lines.map((l) => l.responseRate) },
        ],
      }, true);
      chart.dataset.rendered = String(r.lines.length);
    } catch (p) {
      const placed = p instanceof Problem ? fieldErrors(form, p, { groupBy: "groupBy", from: "from", to: "to" }) : 0;
      out.replaceChildren(el("p", { class: "notice", role: "alert" }, placed ? "请按提示修改。" : problemText(p)));
    }
  };
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    load();
  });
  show(el("h2", {}, "陪跑台账"), form, chart, out);
  await load();
}

// ---- 登录 ----

export const ROLES = { admin: "管理员", portal: "门户", officer: "主管部门", founder: "创业者", mentor: "导师", park: "园区", investor: "投资机构", anonymous: "访客" };

async function refreshWho() {
  const who = document.getElementById("who");
  try {
    const me = await api("/api/v1/me");
    who.textContent = me.role === "anonymous" ? "登录" : `${ROLES[me.role] || me.role}（退出）`;
    // each role sees the pages it can use; the API still decides what it may do
    document.querySelectorAll("[data-roles]").forEach((a) => (a.hidden = !a.dataset.roles.split(" ").includes(me.role)));
    return me;
  } catch (p) {
    sessionStorage.removeItem(KEY);
    who.textContent = "登录";
    return null;
  }
}

async function login() {
  if (sessionStorage.getItem(KEY)) {
    sessionStorage.removeItem(KEY);
    await refreshWho();
  }
  const form = el("form", { class: "panel", id: "login-form" },
    el("p", {}, "粘贴管理部门发给您的访问密钥。密钥只保存在本页面，关闭标签页即失效。"),
    input("key", "访问密钥", "password", { autocomplete: "off" }),
    el("button", { type: "submit" }, "登录"));
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    sessionStorage.setItem(KEY, form.elements.key.value.trim());
    const me = await refreshWho();
    if (me && me.role !== "anonymous") location.hash = "#/search";
    else form.querySelector("#key-error").textContent = "密钥无效或已停用";
  });
  show(el("h2", {}, "登录"), form);
}

// ---- routing ----

const VIEWS = { calculator, search, recommend, tickets, mentor, ledger, dashboard, allocate, outreach, spaces, events, entity, login };

async function route() {
  const name = (location.hash.match(/^#\/(\w+)/) || [])[1] || "calculator";
  const view = VIEWS[name] || calculator;
  document.querySelectorAll("[data-nav]").forEach((a) => a.removeAttribute("aria-current"));
  document.querySelector(`[data-nav="${name}"]`)?.setAttribute("aria-current", "page");
  try {
    await view();
  } catch (p) {
    show(el("p", { class: "notice", role: "alert" }, "加载失败：" + problemText(p)));
  }
}

window.addEventListener("hashchange", route);
refreshWho();
route();
