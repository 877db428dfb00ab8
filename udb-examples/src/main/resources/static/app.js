// The UDB demo page: plain JavaScript against the HTTP API under /udb (docs/api.md).
"use strict";

const API = "/udb";
const state = { token: sessionStorage.getItem("udb.token") || "", jobs: new Map() };
const $ = (id) => document.getElementById(id);

function show(text, kind) {
  const m = $("message");
  m.textContent = text;
  m.className = kind || "";
}

async function call(method, path, body) {
  const headers = { Authorization: "Bearer " + state.token };
  let payload = body;
  if (body && !(body instanceof FormData)) {
    headers["Content-Type"] = "application/json";
    payload = JSON.stringify(body);
  }
  const response = await fetch(API + path, { method, headers, body: payload });
  const type = response.headers.get("Content-Type") || "";
  const data = type.includes("json") ? await response.json() : await response.text();
  if (!response.ok) {
    const detail = data && data.detail ? data.detail : response.statusText;
    const code = data && data.code ? " (" + data.code + ")" : "";
    throw new Error(response.status + ": " + detail + code);
  }
  return data;
}

function cell(row, text, className) {
  const td = document.createElement("td");
  td.textContent = text === null || text === undefined ? "" : String(text);
  if (className) td.className = className;
  row.appendChild(td);
  return td;
}

async function loadTables() {
  const tables = await call("GET", "/tables");
  const body = $("tables").querySelector("tbody");
  body.replaceChildren();
  const names = [];
  for (const t of tables) {
    names.push(t.name);
    const row = document.createElement("tr");
    cell(row, t.name);
    cell(row, t.rowCount, "num");
    cell(row, t.columns.map((c) => c.name + " " + c.type).join(", "), "cols");
    const action = cell(row, "");
    const query = document.createElement("button");
    query.type = "button";
    query.className = "small";
    query.textContent = "Query";
    query.addEventListener("click", () => {
      $("sql").value = 'SELECT * FROM "' + t.name + '" LIMIT 100';
      runSql();
    });
    action.appendChild(query);
    body.appendChild(row);
  }
  for (const id of ["analysis-table", "drift-current", "drift-reference"]) {
    const select = $(id);
    const previous = select.value;
    select.replaceChildren(...names.map((n) => new Option(n, n)));
    if (names.includes(previous)) select.value = previous;
  }
  if (names.includes("weather_2014_2015") && !$("drift-current").dataset.touched) {
    $("drift-current").value = "weather_2014_2015";
    $("drift-reference").value = "weather_2012_2013";
  }
  return tables;
}

async function runSql() {
  $("sql-info").textContent = "running...";
  try {
    const r = await call("POST", "/sql", { sql: $("sql").value, maxRows: 500 });
    const table = $("result");
    table.replaceChildren();
    const head = document.createElement("tr");
    for (const c of r.columns) {
      const th = document.createElement("th");
      th.textContent = c.name;
      th.title = c.type;
      if (/INT|DOUBLE|DECIMAL|FLOAT|REAL|NUMERIC/i.test(c.type)) th.className = "num";
      head.appendChild(th);
    }
    table.appendChild(head);
    for (const values of r.rows) {
      const row = document.createElement("tr");
      values.forEach((v) => cell(row, v, typeof v === "number" ? "num" : ""));
      table.appendChild(row);
    }
    $("sql-info").textContent =
      r.rowCount + " rows" + (r.truncated ? " (truncated)" : "") + " in " + r.elapsedMs + " ms";
    show("");
  } catch (e) {
    $("sql-info").textContent = "";
    show(e.message, "error");
  }
}

function renderJob(job, artifacts) {
  let row = document.getElementById("job-" + job.jobId);
  if (!row) {
    row = document.createElement("tr");
    row.id = "job-" + job.jobId;
    $("jobs").querySelector("tbody").prepend(row);
  }
  row.replaceChildren();
  cell(row, job.jobId.slice(0, 8)).title = job.jobId;
  cell(row, job.type);
  cell(row, job.state, "state-" + job.state);
  const progress = document.createElement("progress");
  progress.max = 1;
  progress.value = job.progress || 0;
  cell(row, "").appendChild(progress);
  cell(row, job.durationMs === null || job.durationMs === undefined ? "" : job.durationMs + " ms", "num");
  const reports = cell(row, job.error ? job.error.code + ": " + job.error.message : "", "reports");
  for (const a of artifacts || []) {
    if (!/\.(html|svg|png)$/.test(a.name)) continue;
    const link = document.createElement("a");
    link.textContent = a.name;
    link.href = "#";
    link.addEventListener("click", (event) => {
      event.preventDefault();
      openArtifact(job.jobId, a.name);
    });
    reports.appendChild(link);
  }
}

// Artifacts need the bearer token, so they are fetched and opened as a blob in a new tab.
async function openArtifact(jobId, name) {
  const tab = window.open("", "_blank");
  const response = await fetch(API + "/artifact/" + jobId + "/" + encodeURIComponent(name), {
    headers: { Authorization: "Bearer " + state.token },
  });
  if (!response.ok) {
    if (tab) tab.close();
    show("Cannot open " + name + ": " + response.status, "error");
    return;
  }
  const url = URL.createObjectURL(await response.blob());
  if (tab) tab.location = url;
  else window.location = url;
}

async function watch(jobId) {
  for (;;) {
    const job = await call("GET", "/jobs/" + jobId);
    const done = ["SUCCEEDED", "FAILED", "CANCELLED"].includes(job.state);
    let artifacts = [];
    if (done) {
      try {
        artifacts = (await call("GET", "/artifact_manifest/" + jobId)).artifacts;
      } catch (e) {
        artifacts = [];
      }
    }
    renderJob(job, artifacts);
    if (done) {
      if (job.type === "ingest" || job.type === "sync") await loadTables();
      show(job.type + " " + job.state.toLowerCase(), job.state === "SUCCEEDED" ? "ok" : "error");
      return job;
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

async function start(path, body) {
  try {
    const accepted = await call("POST", path, body);
    show("Started job " + accepted.jobId);
    renderJob({ jobId: accepted.jobId, type: path.slice(1), state: "CREATED", progress: 0 }, []);
    await watch(accepted.jobId);
  } catch (e) {
    show(e.message, "error");
  }
}

async function signIn(token) {
  state.token = token.trim();
  try {
    const tables = await loadTables();
    sessionStorage.setItem("udb.token", state.token);
    const claims = JSON.parse(atob(state.token.split(".")[1].replace(/-/g, "+").replace(/_/g, "/")));
    $("who").textContent = "tenant " + claims.tenant + " as " + [].concat(claims.roles).join(", ");
    show("Signed in: " + tables.length + " tables", "ok");
  } catch (e) {
    show("Sign-in failed: " + e.message, "error");
  }
}

$("signin").addEventListener("submit", (event) => {
  event.preventDefault();
  signIn($("token").value);
});
$("refresh").addEventListener("click", () => loadTables().catch((e) => show(e.message, "error")));
$("sql-form").addEventListener("submit", (event) => {
  event.preventDefault();
  runSql();
});
$("upload").addEventListener("submit", (event) => {
  event.preventDefault();
  const form = new FormData();
  form.append("file", $("file").files[0]);
  form.append("table", $("upload-table").value);
  form.append("mode", $("upload-mode").value);
  start("/ingest/upload", form);
});
$("file").addEventListener("change", () => {
  const f = $("file").files[0];
  if (f && !$("upload-table").value) {
    $("upload-table").value = f.name.replace(/\.[^.]*$/, "").replace(/[^A-Za-z0-9_]/g, "_").toLowerCase();
  }
});
for (const button of $("analysis").querySelectorAll("button")) {
  button.addEventListener("click", () => {
    const table = $("analysis-table").value;
    const kind = button.dataset.kind;
    if (kind === "profile") start("/profile", { table });
    if (kind === "quality") start("/quality", { table, suggest: true });
    if (kind === "analyze") start("/analyze", { tables: [table] });
  });
}
for (const id of ["drift-current", "drift-reference"]) {
  $(id).addEventListener("change", () => ($("drift-current").dataset.touched = "yes"));
}
$("drift").addEventListener("submit", (event) => {
  event.preventDefault();
  start("/drift", { reference: $("drift-reference").value, current: $("drift-current").value });
});

if (state.token) {
  $("token").value = state.token;
  signIn(state.token);
}
