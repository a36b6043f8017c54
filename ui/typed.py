"""Words typed but not yet sent: a copy kept in the browser until the server has them.

Streamlit sends a text box's value only when the box loses focus (or on Enter). A reload, a
closed tab or a click on a link while the cursor is still in the box drops what was typed
since: the server never saw it, so no draft could keep it. The script below copies each
keystroke of the watched boxes into the browser's localStorage (per account and widget) and,
when the page is drawn again with the box showing something else, puts the words back and
sends them (which saves them as a draft like any other change). The copy is dropped as soon as
the desk has stored the same words (as a draft or saved), and after a week in any case.
"""
from __future__ import annotations

import json
from typing import Mapping

import streamlit as st

from ui import text

# The server's view: one hidden element per page, redrawn on every run with what the server
# holds for each watched widget. The script compares the browser's copy with it.
STATE_ID = "cd-typed"

SCRIPT = """<script>
(() => {
  if (window.__cdTyped) return;
  window.__cdTyped = true;
  const PREFIX = "cd:typed:";
  const WEEK_MS = 7 * 24 * 3600 * 1000;
  const store = (() => { try { return window.localStorage; } catch (_) { return null; } })();
  if (!store) return;  // private mode or blocked storage: the drafts on the server still work
  for (let i = store.length - 1; i >= 0; i--) {
    const k = store.key(i);
    if (!k || !k.startsWith(PREFIX)) continue;
    try { const e = JSON.parse(store.getItem(k)); if (!e || Date.now() - e.t > WEEK_MS) store.removeItem(k); }
    catch (_) { store.removeItem(k); }
  }
  const server = () => {
    const el = document.getElementById("%(state_id)s");
    if (!el) return null;
    try { return {user: el.dataset.user, held: JSON.parse(el.dataset.held)}; } catch (_) { return null; }
  };
  const widgetKey = (el) => {
    const box = el.closest("[class*='st-key-']");
    if (!box) return null;
    for (const c of box.classList) if (c.startsWith("st-key-")) return c.slice(7);
    return null;
  };
  const restored = new Set();
  const typedHere = new Set();  // boxes typed into since this page was loaded
  document.addEventListener("input", (e) => {
    const el = e.target;
    if (!e.isTrusted || !el || !["TEXTAREA", "INPUT"].includes(el.tagName)) return;
    const s = server(), key = el && widgetKey(el);
    if (!s || !key || !(key in s.held)) return;
    const k = PREFIX + s.user + ":" + key;
    if (!typedHere.has(k)) {
      // The first keystroke since the page was loaded, and the copy from before (a reload) not
      // put back yet (the box was entered before this script ran): the copy's words come first,
      // then what is typed now, never typed over.
      typedHere.add(k);
      const p = pending(key, s);
      if (p && el.value !== p.v) {
        // what was typed now: the box less what the desk had put in it
        const base = s.held[key] || "";
        restore(el, p, el.value.startsWith(base) ? p.v + el.value.slice(base.length) : merged(el.value, p.v));
      }
    }
    store.setItem(k, JSON.stringify({v: el.value, t: Date.now()}));
    restored.delete(k);  // typed again: a later redraw may need these words put back too
  }, true);
  // What the box should hold: the browser's copy, without losing what the box shows (words typed
  // after the page was drawn, before this script ran, or words the desk has that the copy lacks).
  const merged = (shown, copy) => {
    if (!shown || copy.includes(shown)) return copy;  // the copy has it all (the usual case)
    if (shown.includes(copy)) return null;  // nothing of the copy is missing
    return copy + (copy.endsWith(" ") || shown.startsWith(" ") ? "" : " ") + shown;
  };
  const put = (el, v) => {
    // Set the value as typing would (React reads it from the input event).
    const proto = el.tagName === "TEXTAREA" ? HTMLTextAreaElement.prototype : HTMLInputElement.prototype;
    Object.getOwnPropertyDescriptor(proto, "value").set.call(el, v);
    el.dispatchEvent(new Event("input", {bubbles: true}));
  };
  // A copy is put back once: `v` is what the box should hold (null: it holds all of it already).
  const restore = (el, p, v) => {
    restored.add(p.k);
    if (v === null) return false;
    put(el, v);
    return true;
  };
  const pending = (key, s) => {  // the browser's copy of a box, if the desk does not have it yet
    const k = PREFIX + s.user + ":" + key;
    const raw = store.getItem(k);
    if (raw === null) return null;
    let e;
    try { e = JSON.parse(raw); } catch (_) { store.removeItem(k); return null; }
    if (e.v === s.held[key]) { store.removeItem(k); return null; }  // the server has these words
    return restored.has(k) ? null : {k, v: e.v};
  };
  // A box entered before the timer below put its words back gets them first, so what is typed
  // next is added to them, not typed over them.
  document.addEventListener("focusin", (e) => {
    const el = e.target, s = server(), key = el && widgetKey(el);
    if (!s || !key || !(key in s.held) || el.disabled) return;
    const p = pending(key, s);
    if (!p || el.value === p.v) return;
    restore(el, p, merged(el.value, p.v));
  }, true);
  const tick = () => {
    const s = server();
    if (!s) return;
    for (const key of Object.keys(s.held)) {
      const p = pending(key, s);
      if (!p) continue;
      const el = document.querySelector(".st-key-" + CSS.escape(key) + " textarea, .st-key-" + CSS.escape(key) + " input");
      const active = document.activeElement;
      const busy = active && (["TEXTAREA", "INPUT", "SELECT"].includes(active.tagName) || active.isContentEditable);
      if (!el || el.disabled || busy || el.value === p.v) continue;
      if (!restore(el, p, merged(el.value, p.v))) continue;
      el.focus();
      el.blur();  // leaving the box makes Streamlit send it
    }
  };
  setInterval(tick, 150);
})();
</script>""" % {"state_id": STATE_ID}


def keep_typed(user: str, held: Mapping[str, str]) -> None:
    """Watch the text widgets named by `held`'s keys on this page. `held` is what the desk has
    stored for each (a draft, or what was saved): the script keeps the browser's copy of what is
    typed until the desk has the same words, so words the desk never stored (a refused save, a
    session that ended) are put back when the box is drawn again."""
    held = {k: str(v or "") for k, v in held.items()}
    st.html(f'<div id="{STATE_ID}" data-user="{text.escape(user)}" data-held="{text.escape(json.dumps(held))}" '
            'style="display:none"></div>')
    st.html(SCRIPT, unsafe_allow_javascript=True, width=1)
