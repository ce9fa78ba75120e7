// Journal autosave: every pause in typing sends the whole entry form to the server as a draft.
// What has not reached the server yet is also kept on this device (under a key tied to the
// person, so on a shared device one partner's words never appear in the other's form) and is
// sent again after logging back in: a closed tab or an expired session never loses a word.
(function () {
  "use strict";

  // After a save the next page names the kept copies that are now safely on the server.
  Array.prototype.forEach.call(document.querySelectorAll("[data-journal-saved]"), function (el) {
    try { localStorage.removeItem(el.dataset.journalSaved); } catch (e) { /* private mode */ }
  });

  var form = document.getElementById("journal-entry-form");
  if (!form) { return; }
  var url = form.dataset.autosaveUrl;
  var key = form.dataset.draftKey;
  var csrf = form.querySelector("input[name=csrfmiddlewaretoken]").value;
  var state = form.querySelector("[data-saved-state]");
  var timer = null;
  var unsent = false;

  function say(text) { if (state) { state.textContent = text; } }

  function fields() {
    var pairs = [];
    new FormData(form).forEach(function (value, name) {
      if (name !== "csrfmiddlewaretoken" && name !== "keep_shared") { pairs.push([name, value]); }
    });
    return pairs;
  }
  function body(pairs) {
    var params = new URLSearchParams();
    pairs.forEach(function (pair) { params.append(pair[0], pair[1]); });
    return params;
  }
  function keep(pairs) {
    try { localStorage.setItem(key, JSON.stringify(pairs)); } catch (e) { /* private mode */ }
  }
  function forget() {
    try { localStorage.removeItem(key); } catch (e) { /* ignore */ }
  }

  function save() {
    var pairs = fields();
    keep(pairs);
    say("Saving…");
    fetch(url, {
      method: "POST",
      body: body(pairs),
      credentials: "same-origin",
      redirect: "manual",
      headers: { "X-CSRFToken": csrf, "Accept": "application/json" }
    }).then(function (response) {
      if (response.ok) {
        unsent = false;
        forget();
        say("Kept safe as a draft. Press Save when you're done.");
        return;
      }
      if (response.type === "opaqueredirect" || response.status === 403) {
        say("You've been signed out. Your words are kept on this device — log in again and they will be saved.");
        return;
      }
      return response.json().then(function (data) {
        var message = "Not saved yet — we'll try again.";
        Object.keys(data.errors || {}).forEach(function (name) {
          if (data.errors[name].length) { message = data.errors[name][0].message; }
        });
        say(message + " Your words are kept on this device.");
      });
    }).catch(function () {
      say("Not saved yet — you seem to be offline. Your words are kept on this device.");
    });
  }

  function restore(pairs) {
    var values = {};
    pairs.forEach(function (pair) { (values[pair[0]] = values[pair[0]] || []).push(pair[1]); });
    Object.keys(values).forEach(function (name) {
      var controls = form.querySelectorAll("[name='" + name + "']");
      Array.prototype.forEach.call(controls, function (control) {
        if (control.type === "checkbox" || control.type === "radio") {
          control.checked = values[name].indexOf(control.value) !== -1;
        } else {
          control.value = values[name][0];
        }
      });
    });
  }

  var kept = null;
  try { kept = JSON.parse(localStorage.getItem(key) || "null"); } catch (e) { kept = null; }
  if (kept && JSON.stringify(kept) !== JSON.stringify(fields())) {
    restore(kept);  // words typed while signed out or offline come back, and are saved now
    say("We brought back words kept on this device.");
    save();
  }

  function changed() {
    unsent = true;
    keep(fields());
    clearTimeout(timer);
    timer = setTimeout(save, 800);
  }
  form.addEventListener("input", changed);
  form.addEventListener("change", changed);
  // The form itself carries the words now; a late draft must not outlive the saved entry.
  form.addEventListener("submit", function () { clearTimeout(timer); unsent = false; });
  // Closing the tab mid-sentence: send what is there one last time.
  window.addEventListener("pagehide", function () {
    if (!unsent || !navigator.sendBeacon) { return; }
    var params = body(fields());
    params.append("csrfmiddlewaretoken", csrf);
    navigator.sendBeacon(url, params);
  });
})();
