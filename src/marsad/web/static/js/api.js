/* The REST API the page reads (docs/store_api.md). */

export function query(params) {
  const qs = new URLSearchParams();
  Object.entries(params || {}).forEach(([k, v]) => {
    if (v !== "" && v !== null && v !== undefined) qs.append(k, v);
  });
  const s = qs.toString();
  return s ? "?" + s : "";
}

export async function getJSON(path, params) {
  const url = path + query(params);
  const resp = await fetch(url, { headers: { Accept: "application/json" } });
  if (!resp.ok) {
    let detail = "";
    try {
      detail = (await resp.json()).detail || "";
    } catch (_) {
      /* not JSON */
    }
    throw new Error(url + " → HTTP " + resp.status + (detail ? ": " + detail : ""));
  }
  return resp.json();
}
