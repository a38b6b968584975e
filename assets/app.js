// newsdex web page: reads its state from the URL, asks the JSON API, and renders every
// value it gets as text (textContent), never as markup: article text is untrusted.
"use strict";

const PAGE_SIZE = 10;
const $ = (id) => document.getElementById(id);
const utf8 = new TextEncoder();
const fromUtf8 = new TextDecoder();

// ---- state <-> URL -------------------------------------------------------------------

function readState() {
  const p = new URLSearchParams(location.search);
  return {
    q: p.get("q") || "",
    from: p.get("from") || "",
    to: p.get("to") || "",
    locations: p.getAll("location").filter(Boolean),
    mentions: p.get("mentions") === "true",
    source: p.get("source") || "",
    sort: p.get("sort") || "relevance",
    page: Math.max(1, parseInt(p.get("page") || "1", 10) || 1),
  };
}

// The filters as API parameters (the CLI's flag names).
function filterParams(s) {
  const p = new URLSearchParams();
  p.set("q", s.q);
  if (s.from) p.set("from", s.from);
  if (s.to) p.set("to", s.to);
  for (const l of s.locations) p.append("location", l);
  if (s.mentions) p.set("mentions", "true");
  if (s.source) p.set("source", s.source);
  return p;
}

// The whole state as the page's own query string.
function stateQuery(s) {
  const p = filterParams(s);
  if (s.sort !== "relevance") p.set("sort", s.sort);
  if (s.page > 1) p.set("page", String(s.page));
  return p.toString();
}

function go(state, path) {
  const url = (path || "/") + "?" + stateQuery(state);
  history.pushState(null, "", url);
  route();
}

function formState() {
  const s = readState();
  return {
    ...s,
    q: $("q").value.trim(),
    from: $("from").value.trim(),
    to: $("to").value.trim(),
    mentions: $("mentions").value === "true",
    sort: $("sort").value,
    page: 1,
  };
}

function fillForm(s) {
  $("q").value = s.q;
  $("from").value = s.from;
  $("to").value = s.to;
  $("mentions").value = String(s.mentions);
  $("sort").value = s.sort;
  const chips = $("chips");
  chips.replaceChildren();
  const addChip = (label, remove) => {
    const li = el("li", null, label);
    const x = el("button", null, "×");
    x.type = "button";
    x.title = "Remove " + label;
    x.addEventListener("click", remove);
    li.append(x);
    chips.append(li);
  };
  s.locations.forEach((loc, i) => addChip(loc, () => {
    const next = readState();
    next.locations.splice(i, 1);
    next.page = 1;
    go(next);
  }));
  if (s.source) addChip("source: " + s.source, () => go({ ...readState(), source: "", page: 1 }));
}

// ---- helpers ------------------------------------------------------------------------------

function el(tag, cls, text) {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text !== undefined && text !== null) e.textContent = String(text);
  return e;
}

async function api(path, params) {
  const url = params ? path + "?" + params.toString() : path;
  const response = await fetch(url, { headers: { Accept: "application/json" } });
  let body = null;
  try { body = await response.json(); } catch (_) { body = null; }
  if (!response.ok) {
    const message = body && body.error ? body.error : "request failed (HTTP " + response.status + ")";
    throw new ApiError(message, response.status);
  }
  return body;
}

class ApiError extends Error {
  constructor(message, status) { super(message); this.status = status; }
}

// `text` with the byte ranges `ranges` (UTF-8 offsets, as the API gives them) in <mark>.
function highlighted(text, ranges) {
  const frag = document.createDocumentFragment();
  const bytes = utf8.encode(text);
  let at = 0;
  const sorted = (ranges || []).slice().sort((a, b) => a[0] - b[0]);
  for (const [start, end] of sorted) {
    if (start < at || end > bytes.length || end <= start) continue;
    frag.append(fromUtf8.decode(bytes.subarray(at, start)));
    frag.append(el("mark", null, fromUtf8.decode(bytes.subarray(start, end))));
    at = end;
  }
  frag.append(fromUtf8.decode(bytes.subarray(at)));
  return frag;
}

// Places without the ancestors of other places (`/Syria` goes when `/Syria/Aleppo/Aleppo` is there).
function mostSpecific(paths) {
  return paths.filter((p) => !paths.some((o) => o !== p && o.startsWith(p + "/")));
}

function day(iso) { return iso ? iso.slice(0, 10) : "undated"; }

function showMessage(target, text, isError) {
  target.textContent = text || "";
  target.classList.toggle("error", !!isError);
}

function articleHref(id, s) {
  return "/article/" + encodeURIComponent(id) + "?" + stateQuery(s);
}

// An article's own URL, only if it is a web address (never javascript: or data:).
function safeUrl(raw) {
  try {
    const u = new URL(raw);
    return u.protocol === "http:" || u.protocol === "https:" ? u.href : null;
  } catch (_) { return null; }
}

// ---- search view ------------------------------------------------------------------------

let searchSeq = 0;
let submittedAt = null;

async function showSearch() {
  $("article-view").hidden = true;
  $("search-view").hidden = false;
  const s = readState();
  fillForm(s);
  const seq = ++searchSeq;
  if (!s.q) {
    $("layout").hidden = true;
    try {
      const stats = await api("/api/stats");
      if (seq !== searchSeq) return;
      if (stats.articles === 0) {
        showMessage($("message"), "The index is empty. Add articles with `newsdex index FOLDER --index " + stats.index + "`; this page shows them after the run commits.", false);
      } else {
        showMessage($("message"), "Type a query above — words, \"exact phrases\", AND/OR/NOT, NEAR/n, prefix* — or * for every article. " + stats.articles.toLocaleString() + " articles indexed" + (stats.first_date ? ", " + day(stats.first_date) + " to " + day(stats.last_date) : "") + ".", false);
      }
    } catch (e) {
      showMessage($("message"), e.message, true);
    }
    return;
  }
  document.title = s.q + " — newsdex";
  const params = filterParams(s);
  const searchParams = new URLSearchParams(params);
  searchParams.set("limit", String(PAGE_SIZE));
  searchParams.set("offset", String((s.page - 1) * PAGE_SIZE));
  if (s.sort !== "relevance") searchParams.set("sort", s.sort);
  let result;
  try {
    result = await api("/api/search", searchParams);
  } catch (e) {
    if (seq !== searchSeq) return;
    $("layout").hidden = true;
    showMessage($("message"), e.message, true);
    return;
  }
  if (seq !== searchSeq) return;
  renderHits(result, s);
  $("export-csv").href = "/api/export.csv?" + params.toString();
  $("export-jsonl").href = "/api/export.jsonl?" + params.toString();
  // Facets and the timeline come after the list is on screen; the panel says it is busy
  // until its lists belong to this search.
  $("facets").setAttribute("aria-busy", "true");
  renderFacets(s, params, seq).catch(() => {});
  renderTimeline(s, params, seq).catch(() => {});
}

function renderHits(result, s) {
  const hits = $("hits");
  hits.replaceChildren();
  $("layout").hidden = false;
  if (result.total === 0) {
    showMessage($("message"), "No articles match " + s.q + (hasFilters(s) ? " with these filters." : "."), false);
  } else {
    showMessage($("message"), "", false);
  }
  const first = (s.page - 1) * PAGE_SIZE + 1;
  const shown = result.hits.length;
  $("total").textContent = result.total.toLocaleString() + (result.total === 1 ? " article matches" : " articles match") +
    (shown ? "; showing " + first + "–" + (first + shown - 1) : "");
  for (const hit of result.hits) hits.append(renderHit(hit, s));
  renderPager(result, s);
  // How long after Enter the list reached the screen (read by the browser test and bench).
  const submitted = submittedAt;
  requestAnimationFrame(() => {
    if (submitted !== null) {
      window.newsdexTiming = { query: s.q, ms: performance.now() - submitted };
      submittedAt = null;
    }
  });
}

function hasFilters(s) { return s.from || s.to || s.locations.length || s.source; }

function renderHit(hit, s) {
  const li = el("li", "hit");
  const h = el("h2");
  const a = el("a", null, hit.title || "(untitled) " + (hit.snippet || "").slice(0, 80));
  a.href = articleHref(hit.id, s);
  a.dataset.id = hit.id;
  if (!hit.title) a.dataset.untitled = "true";
  h.append(a);
  li.append(h);
  const meta = el("div", "meta");
  meta.append(day(hit.date));
  if (hit.source) meta.append(" · " + hit.source);
  meta.append(" · ");
  const places = mostSpecific(hit.locations || []);
  for (const place of places.slice(0, 4)) {
    const chip = el("span", "place", place.split("/").pop() || place);
    chip.title = place;
    meta.append(chip);
  }
  if (places.length > 4) meta.append("+" + (places.length - 4) + " more");
  li.append(meta);
  const where = el("div", "meta", hit.path + (hit.member ? " (" + hit.member + ")" : ""));
  li.append(where);
  const p = el("p", "snippet");
  p.append(highlighted(hit.snippet || "", hit.highlights));
  li.append(p);
  if (hit.similar_count) {
    const box = el("div", "similar");
    const toggle = el("button", null, "+" + hit.similar_count + " similar");
    toggle.type = "button";
    toggle.setAttribute("aria-expanded", "false");
    const list = el("ul");
    list.hidden = true;
    for (const copy of hit.similar || []) {
      const item = el("li");
      const link = el("a", null, day(copy.date) + " · " + (copy.path ? copy.path + (copy.member ? " (" + copy.member + ")" : "") : copy.id));
      link.href = articleHref(copy.id, s);
      item.append(link);
      list.append(item);
    }
    if (hit.similar_count > (hit.similar || []).length) {
      list.append(el("li", null, (hit.similar_count - hit.similar.length) + " more (list every copy with all copies)"));
    }
    toggle.addEventListener("click", () => {
      list.hidden = !list.hidden;
      toggle.setAttribute("aria-expanded", String(!list.hidden));
    });
    box.append(toggle, list);
    li.append(box);
  }
  return li;
}

function renderPager(result, s) {
  const nav = $("pager");
  nav.replaceChildren();
  const pages = Math.max(1, Math.ceil(result.total / PAGE_SIZE));
  if (pages <= 1) return;
  const link = (label, page) => {
    const b = el("button", null, label);
    b.type = "button";
    b.addEventListener("click", () => go({ ...s, page }));
    return b;
  };
  if (s.page > 1) nav.append(link("← previous", s.page - 1));
  nav.append(el("span", null, "page " + s.page + " of " + pages.toLocaleString()));
  if (s.page < pages) nav.append(link("next →", s.page + 1));
}

async function renderFacets(s, params, seq) {
  const ask = (field, top) => {
    const p = new URLSearchParams(params);
    p.set("field", field);
    p.set("top", String(top));
    return api("/api/facets", p);
  };
  const [places, years, sources] = await Promise.all([ask("location", 12), ask("year", 30), ask("source", 10)]);
  if (seq !== searchSeq) return;
  fillFacet($("facet-places"), places.values, (v) => {
    const next = readState();
    if (!next.locations.includes(v.value)) next.locations.push(v.value);
    next.page = 1;
    go(next);
  }, (v) => v.value.split("/").pop() || v.value, (v) => v.value);
  const byYear = years.values.slice().sort((a, b) => b.value.localeCompare(a.value));
  fillFacet($("facet-years"), byYear, (v) => {
    const y = v.value.replace(/^\//, "");
    go({ ...readState(), from: y, to: y, page: 1 });
  }, (v) => v.value.replace(/^\//, ""));
  fillFacet($("facet-sources"), sources.values, (v) => {
    go({ ...readState(), source: v.value.replace(/^\//, ""), page: 1 });
  }, (v) => v.value.replace(/^\//, ""));
  $("facets").setAttribute("aria-busy", "false");
}

function fillFacet(list, values, onPick, label, title) {
  list.replaceChildren();
  if (!values.length) {
    list.append(el("li", "count", "none"));
    return;
  }
  for (const v of values) {
    const li = el("li");
    const b = el("button", null, label(v));
    b.type = "button";
    if (title) b.title = title(v);
    b.addEventListener("click", () => onPick(v));
    li.append(b, el("span", "count", v.count.toLocaleString()));
    list.append(li);
  }
}

async function renderTimeline(s, params, seq) {
  const fig = $("timeline");
  const ask = (by) => {
    const p = new URLSearchParams(params);
    p.set("by", by);
    return api("/api/timeline", p);
  };
  let t = await ask("month");
  if (t.buckets.length > 120) t = await ask("year");
  if (seq !== searchSeq) return;
  fig.replaceChildren();
  if (!t.buckets.length) {
    fig.append(el("figcaption", null, t.undated ? t.undated + " undated matches: no timeline" : ""));
    return;
  }
  const NS = "http://www.w3.org/2000/svg";
  const svg = document.createElementNS(NS, "svg");
  const n = t.buckets.length;
  const width = 1000, height = 90;
  svg.setAttribute("viewBox", "0 0 " + width + " " + height);
  svg.setAttribute("preserveAspectRatio", "none");
  svg.setAttribute("role", "img");
  const max = Math.max(1, ...t.buckets.map((b) => b.count));
  const slot = width / n;
  t.buckets.forEach((b) => {
    const i = t.buckets.indexOf(b);
    const h = b.count === 0 ? 0 : Math.max(2, (b.count / max) * (height - 4));
    const rect = document.createElementNS(NS, "rect");
    rect.setAttribute("class", "bar");
    rect.setAttribute("x", String(i * slot + slot * 0.1));
    rect.setAttribute("width", String(Math.max(0.5, slot * 0.8)));
    rect.setAttribute("y", String(height - h));
    rect.setAttribute("height", String(h));
    rect.setAttribute("tabindex", "0");
    rect.dataset.period = b.period;
    const tip = document.createElementNS(NS, "title");
    tip.textContent = b.period + ": " + b.count.toLocaleString();
    rect.append(tip);
    const pick = () => go({ ...readState(), from: b.period, to: b.period, page: 1 });
    rect.addEventListener("click", pick);
    rect.addEventListener("keydown", (e) => { if (e.key === "Enter") pick(); });
    // An invisible full-height target makes short bars easy to click.
    const hit = document.createElementNS(NS, "rect");
    hit.setAttribute("x", String(i * slot));
    hit.setAttribute("width", String(slot));
    hit.setAttribute("y", "0");
    hit.setAttribute("height", String(height));
    hit.setAttribute("fill", "transparent");
    hit.style.cursor = "pointer";
    hit.append(tip.cloneNode(true));
    hit.addEventListener("click", pick);
    svg.append(hit, rect);
  });
  fig.append(svg);
  const cap = el("figcaption");
  cap.append(el("span", null, t.buckets[0].period), el("span", null, "by " + t.by + (t.undated ? " · " + t.undated + " undated not shown" : "") + " · click a bar to narrow the dates"), el("span", null, t.buckets[n - 1].period));
  fig.append(cap);
}

// ---- article view -----------------------------------------------------------------------

async function showArticle(id) {
  $("search-view").hidden = true;
  $("article-view").hidden = false;
  const s = readState();
  fillForm(s);
  $("back").href = "/?" + stateQuery(s);
  const title = $("article-title"), meta = $("article-meta"), body = $("article-body");
  title.textContent = "";
  meta.replaceChildren();
  body.replaceChildren();
  showMessage($("article-message"), "", false);
  const params = new URLSearchParams();
  if (s.q && s.q !== "*") params.set("query", s.q);
  let a;
  try {
    a = await api("/api/article/" + encodeURIComponent(id), params);
  } catch (e) {
    showMessage($("article-message"), e.status === 404 ? "No article with id " + id + " in this index." : e.message, true);
    return;
  }
  document.title = (a.title || "(untitled)") + " — newsdex";
  title.textContent = a.title || "(untitled)";
  const row = (label, value) => {
    if (value === null || value === undefined || value === "" || (Array.isArray(value) && !value.length)) return;
    meta.append(el("dt", null, label));
    const dd = el("dd");
    if (value instanceof Node) dd.append(value); else dd.textContent = Array.isArray(value) ? value.join(", ") : String(value);
    meta.append(dd);
  };
  row("Date", a.date ? day(a.date) + (a.date_source ? " (from " + a.date_source + ")" : "") : "undated");
  row("Source", a.source);
  row("Dateline", a.dateline);
  // Each place the story is about with why it is one (its basis: headline, repeated …).
  const basis = new Map((a.locations || []).map((p, i) => [p, (a.location_basis || [])[i]]));
  row("About", mostSpecific(a.locations || []).map((p) => basis.get(p) ? p + " (" + basis.get(p) + ")" : p));
  row("Mentions", mostSpecific(a.mentions || []));
  const url = a.url ? safeUrl(a.url) : null;
  if (url) {
    const link = el("a", null, a.url);
    link.href = url;
    link.rel = "noopener noreferrer nofollow";
    link.target = "_blank";
    row("Original", link);
  } else {
    row("Original", a.url);
  }
  row("File", a.path + (a.member ? " (" + a.member + ")" : ""));
  row("Format", a.format);
  row("Id", a.id);
  body.append(highlighted(a.body || "", a.highlights));
  const firstMark = body.querySelector("mark");
  if (firstMark) firstMark.scrollIntoView({ block: "center" });
}

// ---- routing and form -----------------------------------------------------------------

function route() {
  const m = location.pathname.match(/^\/article\/([^/]+)$/);
  if (m) showArticle(decodeURIComponent(m[1]));
  else showSearch();
}

let placeSeq = 0;
async function completePlaces() {
  const typed = $("place").value.trim();
  const seq = ++placeSeq;
  if (typed.length < 2 || typed.startsWith("/")) return;
  try {
    const found = await api("/api/places", new URLSearchParams({ q: typed }));
    if (seq !== placeSeq) return;
    const list = $("place-options");
    list.replaceChildren();
    for (const p of found) {
      const o = document.createElement("option");
      o.value = p.path;
      o.label = p.name + " — " + p.path;
      list.append(o);
    }
  } catch (_) { /* completion is a convenience: the search reports bad names */ }
}

function addPlace() {
  const typed = $("place").value.trim();
  if (!typed) return false;
  const s = formState();
  if (!s.locations.includes(typed)) s.locations.push(typed);
  $("place").value = "";
  go(s);
  return true;
}

document.addEventListener("DOMContentLoaded", () => {
  $("search-form").addEventListener("submit", (e) => {
    e.preventDefault();
    submittedAt = performance.now();
    if (!addPlace()) go(formState());
  });
  $("place").addEventListener("input", completePlaces);
  $("place").addEventListener("change", () => {
    // Picking a completion fills in a facet path: apply it at once.
    if ($("place").value.startsWith("/")) addPlace();
  });
  for (const id of ["sort", "mentions"]) {
    $(id).addEventListener("change", () => { if (readState().q) go(formState()); });
  }
  $("help-toggle").addEventListener("click", () => {
    const help = $("help");
    help.hidden = !help.hidden;
    $("help-toggle").setAttribute("aria-expanded", String(!help.hidden));
  });
  document.addEventListener("click", (e) => {
    const a = e.target.closest && e.target.closest("a[href^='/article/'], a#back, a.brand");
    if (!a || e.ctrlKey || e.metaKey || e.shiftKey || e.button !== 0) return;
    e.preventDefault();
    history.pushState(null, "", a.getAttribute("href"));
    route();
    window.scrollTo(0, 0);
  });
  window.addEventListener("popstate", route);
  route();
});
