// Autosave for answer boxes: every pause in typing sends the answer to the server. If the
// session has ended, the words are kept on this device until the person logs in again, then
// saved — a closed tab or an expired session never loses what someone wrote.
(function () {
  "use strict";
  var form = document.getElementById("day-form");
  if (!form) { return; }
  var csrf = form.querySelector("input[name=csrfmiddlewaretoken]").value;
  var boxes = form.querySelectorAll("textarea[data-autosave-url]");

  function draftKey(box) { return "attune-draft:" + box.dataset.autosaveUrl; }
  function sharingOf(box) {
    var checked = form.querySelector("input[name='" + box.dataset.sharingName + "']:checked") ||
      form.querySelector("input[name='" + box.dataset.sharingName + "']");
    return checked ? checked.value : "private";
  }
  function say(box, text) {
    var state = box.parentNode.querySelector("[data-saved-state]");
    if (state) { state.textContent = text; }
  }
  function save(box) {
    var body = new URLSearchParams();
    body.set("text", box.value);
    body.set("sharing", sharingOf(box));
    try { localStorage.setItem(draftKey(box), box.value); } catch (e) { /* private mode */ }
    say(box, "Saving…");
    fetch(box.dataset.autosaveUrl, {
      method: "POST",
      body: body,
      credentials: "same-origin",
      redirect: "manual",
      headers: { "X-CSRFToken": csrf, "Accept": "application/json" }
    }).then(function (response) {
      if (response.ok) {
        try { localStorage.removeItem(draftKey(box)); } catch (e) { /* ignore */ }
        say(box, "Saved.");
        return;
      }
      if (response.type === "opaqueredirect" || response.status === 403) {
        say(box, "You've been signed out. Your words are kept on this device — log in again and they will be saved.");
        return;
      }
      return response.json().then(function (data) {
        var errors = (data.errors && data.errors.text) || [];
        say(box, errors.length ? errors[0].message : (data.error || "Not saved yet — we'll try again."));
      });
    }).catch(function () {
      say(box, "Not saved yet — you seem to be offline. Your words are kept on this device.");
    });
  }
  Array.prototype.forEach.call(boxes, function (box) {
    var timer = null;
    var draft = null;
    try { draft = localStorage.getItem(draftKey(box)); } catch (e) { /* ignore */ }
    if (draft !== null && draft !== box.value) {
      box.value = draft;  // words typed while signed out come back, and are saved now
      save(box);
    }
    box.addEventListener("input", function () {
      clearTimeout(timer);
      try { localStorage.setItem(draftKey(box), box.value); } catch (e) { /* ignore */ }
      timer = setTimeout(function () { save(box); }, 800);
    });
    var radios = form.querySelectorAll("input[name='" + box.dataset.sharingName + "']");
    Array.prototype.forEach.call(radios, function (radio) {
      radio.addEventListener("change", function () { save(box); });
    });
  });
})();
