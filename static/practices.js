// Practice tools, made a little kinder with JavaScript: live notes in the I-statement coach,
// the breathing timer, the guided body scan and speaker–listener turns. Every page works
// without this file; nothing here sends what a person types anywhere but the coach's own
// check, which stores nothing.
(function () {
  "use strict";
  document.documentElement.classList.add("js-practices");

  var reduceMotion = window.matchMedia ? window.matchMedia("(prefers-reduced-motion: reduce)") : null;

  function clock(seconds) {
    var m = Math.floor(seconds / 60);
    var s = seconds % 60;
    return m + ":" + (s < 10 ? "0" : "") + s;
  }

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (text !== undefined) { node.textContent = text; }
    return node;
  }

  function remember(key, value) {
    try { window.sessionStorage.setItem(key, value); } catch (e) { /* private mode */ }
  }
  function recall(key) {
    try { return window.sessionStorage.getItem(key); } catch (e) { return null; }
  }

  // --- The I-statement coach ------------------------------------------------------------
  function coach() {
    var form = document.getElementById("coach-form");
    if (!form) { return; }
    var box = form.querySelector("textarea[name=message]");
    var live = document.getElementById("coach-live");
    var reading = document.getElementById("coach-reading");
    var counter = form.querySelector("[data-char-count]");
    var csrf = form.querySelector("input[name=csrfmiddlewaretoken]").value;
    var limit = parseInt(form.dataset.limit, 10);
    var timer = null;
    var asked = 0;

    function count() {
      var n = box.value.length;
      counter.textContent = n + " of " + limit + " characters.";
      counter.classList.toggle("over", n > limit);
    }

    function section(title) {
      var h = el("h3", "", title);
      return h;
    }

    function render(data) {
      var oldDraft = reading.querySelector("#coach-draft");
      var keptDraft = oldDraft && oldDraft.dataset.edited === "1" ? oldDraft.value : null;
      var card = el("section", "card coach-reading");
      card.setAttribute("aria-labelledby", "reading-heading");
      var heading = el("h2", "", "What the coach noticed");
      heading.id = "reading-heading";
      card.appendChild(heading);
      var message = el("p", "coach-message");
      data.segments.forEach(function (piece) {
        if (piece.notes.length) {
          message.appendChild(el("mark", "", piece.text));
          message.appendChild(el("sup", "note-ref", piece.notes.join(",")));
        } else {
          message.appendChild(document.createTextNode(piece.text));
        }
      });
      card.appendChild(message);
      if (data.notes.length) {
        var list = el("ol", "coach-notes");
        data.notes.forEach(function (note) {
          var item = el("li");
          item.value = note.number;
          item.dataset.kind = note.kind;
          item.appendChild(el("strong", "", note.heading + "."));
          item.appendChild(document.createTextNode(" " + note.suggestion));
          list.appendChild(item);
        });
        card.appendChild(list);
      } else {
        card.appendChild(el("p", "", "Nothing here tends to start a fight. Gently put."));
      }
      if (data.found.length) {
        card.appendChild(section("Already there"));
        var found = el("ul", "coach-found");
        data.found.forEach(function (piece) { found.appendChild(el("li", "", piece)); });
        card.appendChild(found);
      }
      if (data.missing.length) {
        card.appendChild(section("Not there yet"));
        var missing = el("ul", "coach-missing");
        data.missing.forEach(function (piece) {
          var item = el("li", "", piece.prompt);
          item.dataset.kind = piece.kind;
          missing.appendChild(item);
        });
        card.appendChild(missing);
      }
      card.appendChild(section("A draft from your own words"));
      var draftForm = el("form");
      draftForm.method = "post";
      draftForm.id = "draft-form";
      draftForm.noValidate = true;
      var token = el("input");
      token.type = "hidden";
      token.name = "csrfmiddlewaretoken";
      token.value = csrf;
      draftForm.appendChild(token);
      var label = el("label", "", "Change anything — it's yours");
      label.htmlFor = "coach-draft";
      draftForm.appendChild(label);
      var draft = el("textarea");
      draft.id = "coach-draft";
      draft.name = "message";
      draft.rows = 4;
      draft.value = keptDraft !== null ? keptDraft : data.draft;
      if (keptDraft !== null) { draft.dataset.edited = "1"; }
      draftForm.appendChild(draft);
      var buttons = el("p");
      var again = el("button", "secondary", "Look at this draft");
      again.type = "submit";
      var copy = el("button", "secondary", "Copy the draft");
      copy.type = "button";
      copy.dataset.copyDraft = "";
      var state = el("span", "saved-state");
      state.dataset.copyState = "";
      state.setAttribute("aria-live", "polite");
      buttons.appendChild(again);
      buttons.appendChild(document.createTextNode(" "));
      buttons.appendChild(copy);
      buttons.appendChild(document.createTextNode(" "));
      buttons.appendChild(state);
      draftForm.appendChild(buttons);
      draftForm.appendChild(el("p", "muted",
        "Nothing is sent. Say it in your own voice, when the moment is right — or not at all."));
      card.appendChild(draftForm);
      reading.replaceChildren(card);
    }

    function showProblem(text) {
      var note = el("p", "notice", text);
      note.setAttribute("role", "status");
      reading.replaceChildren(note);
    }

    function check() {
      if (!box.value.trim()) { reading.replaceChildren(); return; }
      var mine = ++asked;
      var body = new URLSearchParams();
      body.set("message", box.value);
      fetch(form.dataset.checkUrl, {
        method: "POST",
        body: body,
        credentials: "same-origin",
        headers: { "X-CSRFToken": csrf, "Accept": "application/json" }
      }).then(function (response) {
        return response.json().then(function (data) { return { ok: response.ok, data: data }; });
      }).then(function (answer) {
        if (mine !== asked) { return; }  // a newer check is on its way
        if (answer.ok) { render(answer.data); return; }
        var errors = (answer.data.errors && answer.data.errors.message) || [];
        showProblem(errors.length ? errors[0].message : "The coach couldn't read that just now.");
      }).catch(function () {
        if (mine === asked) { showProblem("The coach can't be reached just now. Your words are still here; try the button."); }
      });
    }

    box.addEventListener("input", function () {
      count();
      clearTimeout(timer);
      if (live && live.checked) { timer = setTimeout(check, 700); }
    });
    reading.addEventListener("input", function (event) {
      if (event.target.id === "coach-draft") { event.target.dataset.edited = "1"; }
    });
    reading.addEventListener("click", function (event) {
      var button = event.target.closest("[data-copy-draft]");
      if (!button) { return; }
      var draft = reading.querySelector("#coach-draft");
      var state = reading.querySelector("[data-copy-state]");
      var done = function () { if (state) { state.textContent = "Copied."; } };
      if (navigator.clipboard && navigator.clipboard.writeText) {
        navigator.clipboard.writeText(draft.value).then(done, function () { draft.select(); });
      } else {
        draft.select();
      }
    });
    count();
  }

  // --- Breathing ------------------------------------------------------------------------
  function breathing() {
    var form = document.getElementById("breathing");
    if (!form) { return; }
    var patterns = JSON.parse(document.getElementById("breathing-patterns").textContent);
    var stage = form.querySelector("[data-breath-stage]");
    var circle = form.querySelector("[data-breath-circle]");
    var text = form.querySelector("[data-breath-text]");
    var phaseLive = form.querySelector("[data-breath-phase]");
    var left = form.querySelector("[data-breath-left]");
    var startButton = form.querySelector("[data-breath-start]");
    var stopButton = form.querySelector("[data-breath-stop]");
    var countsOnly = form.querySelector("[data-counts-only]");
    var key = "attune-counts-only";
    var timer = null;
    var run = null;

    startButton.textContent = "Start";  // without this script, the button shows the counts
    function applyCountsOnly() { form.classList.toggle("counts-only", countsOnly.checked); }
    var chosen = null;
    try { chosen = window.localStorage.getItem(key); } catch (e) { /* private mode */ }
    countsOnly.checked = chosen !== null ? chosen === "1" : !!(reduceMotion && reduceMotion.matches);
    applyCountsOnly();
    countsOnly.addEventListener("change", function () {
      try { window.localStorage.setItem(key, countsOnly.checked ? "1" : "0"); } catch (e) { /* ignore */ }
      applyCountsOnly();
    });
    if (reduceMotion && reduceMotion.addEventListener) {
      reduceMotion.addEventListener("change", function () {
        var stored = null;
        try { stored = window.localStorage.getItem(key); } catch (e) { /* ignore */ }
        if (stored === null) { countsOnly.checked = reduceMotion.matches; applyCountsOnly(); }
      });
    }

    function show() {
      var phase = run.pattern.phases[run.phase];
      var words = phase.cue + "…";
      for (var n = 2; n <= run.count; n++) { words += " " + n + (n < phase.counts ? "…" : ""); }
      text.textContent = words;
      if (run.count === 1) {
        phaseLive.textContent = phase.cue;
        circle.style.transitionDuration = phase.counts + "s";
        if (/in$/i.test(phase.cue)) { circle.className = "breath-circle is-in"; }
        else if (/out$/i.test(phase.cue)) { circle.className = "breath-circle is-out"; }
      }
      var remaining = Math.max(0, run.total - run.elapsed);
      left.textContent = remaining > 0 ? clock(remaining) + " left" : "Finishing this breath…";
    }

    function end(words) {
      clearInterval(timer);
      timer = null;
      run = null;
      text.textContent = words;
      phaseLive.textContent = words;
      left.textContent = "";
      circle.className = "breath-circle";
      startButton.hidden = false;
      startButton.textContent = "Start again";
      stopButton.hidden = true;
      startButton.focus();
    }

    function tick() {
      run.elapsed += 1;
      run.count += 1;
      if (run.count > run.pattern.phases[run.phase].counts) {
        run.count = 1;
        run.phase = (run.phase + 1) % run.pattern.phases.length;
        // Whole rounds only: stopping halfway through a breath feels abrupt.
        if (run.phase === 0 && run.elapsed >= run.total) {
          end("That's it. Notice how your body feels now — come back whenever you like.");
          return;
        }
      }
      show();
    }

    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var slug = form.querySelector("input[name=pattern]:checked").value;
      var minutes = parseInt(form.querySelector("input[name=minutes]:checked").value, 10);
      run = { pattern: patterns[slug], total: minutes * 60, elapsed: 0, phase: 0, count: 1 };
      stage.hidden = false;
      startButton.hidden = true;
      stopButton.hidden = false;
      circle.className = "breath-circle";
      show();
      clearInterval(timer);
      timer = setInterval(tick, 1000);
      stopButton.focus();
      var smooth = !(reduceMotion && reduceMotion.matches);
      stage.scrollIntoView({ behavior: smooth ? "smooth" : "auto", block: "nearest" });
    });
    stopButton.addEventListener("click", function () {
      end("Stopped. Come back whenever you like.");
    });
  }

  // --- The body scan --------------------------------------------------------------------
  function bodyScan() {
    var root = document.getElementById("body-scan");
    if (!root) { return; }
    var stops = JSON.parse(document.getElementById("scan-stops").textContent);
    var items = root.querySelectorAll("[data-scan-stop-item]");
    var now = root.querySelector("[data-scan-now]");
    var start = root.querySelector("[data-scan-start]");
    var stop = root.querySelector("[data-scan-stop]");
    var timer = null;
    var at = 0;
    var left = 0;

    function mark() {
      Array.prototype.forEach.call(items, function (item, index) {
        item.classList.toggle("is-current", index === at);
      });
    }
    function say() { now.textContent = stops[at].place + " — " + clock(left) + " left here"; }
    function finish(words) {
      clearInterval(timer);
      timer = null;
      at = -1;
      mark();
      now.textContent = words;
      start.hidden = false;
      start.textContent = "Guide me again";
      stop.hidden = true;
    }
    function go(index) {
      at = index;
      left = stops[at].seconds;
      mark();
      say();
      var smooth = !(reduceMotion && reduceMotion.matches);
      items[at].scrollIntoView({ behavior: smooth ? "smooth" : "auto", block: "center" });
    }
    start.addEventListener("click", function () {
      start.hidden = true;
      stop.hidden = false;
      go(0);
      clearInterval(timer);
      timer = setInterval(function () {
        left -= 1;
        if (left > 0) { say(); return; }
        if (at + 1 < stops.length) { go(at + 1); return; }
        finish("That's the whole scan. Take a moment before you move on.");
      }, 1000);
    });
    stop.addEventListener("click", function () { finish("Stopped. Come back whenever you like."); });
  }

  // --- Speaker–listener turns -------------------------------------------------------------
  function speakerListener() {
    var root = document.getElementById("speaker-listener");
    if (!root) { return; }
    var order = ["setup", "speak", "reflect", "clarify", "check", "swap", "close"];
    var steps = {};
    Array.prototype.forEach.call(root.querySelectorAll(".sl-step"), function (step) {
      steps[step.dataset.step] = step;
      var heading = step.querySelector("h2");
      if (heading) { heading.tabIndex = -1; }
    });
    var progress = root.querySelector("[data-sl-progress]");
    var topicShown = root.querySelector("[data-topic-shown]");
    var back = root.querySelector("[data-sl-back]");
    var next = root.querySelector("[data-sl-next]");
    var timeOutPanel = root.querySelector("[data-time-out-panel]");
    var display = root.querySelector("[data-timer-display]");
    var note = root.querySelector("[data-timer-note]");
    var timerStart = root.querySelector("[data-timer-start]");
    var timerPause = root.querySelector("[data-timer-pause]");
    var inputs = {
      first: document.getElementById("sl-first"),
      second: document.getElementById("sl-second"),
      topic: document.getElementById("sl-topic")
    };
    var key = "attune-speaker-listener";
    var state = { step: "setup", round: 1, minutes: 3, first: "", second: "", topic: "", timeOut: false };
    var saved = recall(key);
    if (saved) {
      try { state = Object.assign(state, JSON.parse(saved), { topic: "" }); } catch (e) { /* start fresh */ }
    }
    var ticking = null;
    var remaining = state.minutes * 60;

    function names() {
      var first = state.first || "The first speaker";
      var second = state.second || "The first listener";
      return state.round === 1 ? { speaker: first, listener: second } : { speaker: second, listener: first };
    }
    function save() {
      // The topic is never stored, not even on this device: only where you are in the turns.
      var kept = Object.assign({}, state);
      delete kept.topic;
      remember(key, JSON.stringify(kept));
    }
    function stopTimer() {
      clearInterval(ticking);
      ticking = null;
      timerPause.hidden = true;
      timerStart.hidden = false;
    }
    function resetTimer() {
      stopTimer();
      remaining = state.minutes * 60;
      display.textContent = clock(remaining);
      note.textContent = "";
      timerStart.textContent = "Start the timer";
    }
    function show(focus) {
      var who = names();
      Array.prototype.forEach.call(root.querySelectorAll("[data-name]"), function (span) {
        span.textContent = who[span.dataset.name];
      });
      order.forEach(function (name) { steps[name].classList.toggle("is-current", name === state.step); });
      root.classList.toggle("in-time-out", state.timeOut);
      var position = order.indexOf(state.step);
      back.hidden = position === 0;
      next.hidden = state.step === "close";
      next.textContent = state.step === "setup" ? "Begin" : (state.step === "swap" ? "Swap roles" : "Next");
      if (state.step === "setup" || state.step === "close") {
        progress.textContent = "";
      } else {
        progress.textContent = "Round " + state.round + " of 2 · " + who.speaker + " speaks, " + who.listener + " listens";
      }
      topicShown.hidden = !state.topic || state.step === "setup";
      topicShown.textContent = state.topic ? "Topic: " + state.topic : "";
      if (focus) {
        var target = state.timeOut ? timeOutPanel : steps[state.step].querySelector("h2");
        if (target) { target.focus(); }
      }
      save();
    }
    function readSetup() {
      state.first = inputs.first.value.trim();
      state.second = inputs.second.value.trim();
      state.topic = inputs.topic.value.trim();
      var minutes = root.querySelector("input[name=sl-minutes]:checked");
      state.minutes = minutes ? parseInt(minutes.value, 10) : 3;
    }
    function goTo(step) {
      if (state.step === "speak") { stopTimer(); }
      if (step === "speak") { resetTimer(); }
      state.step = step;
      show(true);
    }

    inputs.first.value = state.first || inputs.first.value;
    inputs.second.value = state.second || inputs.second.value;
    inputs.topic.value = state.topic;
    var checked = root.querySelector("input[name=sl-minutes][value='" + state.minutes + "']");
    if (checked) { checked.checked = true; }

    next.addEventListener("click", function () {
      if (state.step === "setup") { readSetup(); state.round = 1; goTo("speak"); return; }
      if (state.step === "check") { goTo(state.round === 1 ? "swap" : "close"); return; }
      if (state.step === "swap") { state.round = 2; goTo("speak"); return; }
      goTo(order[order.indexOf(state.step) + 1]);
    });
    back.addEventListener("click", function () {
      if (state.step === "speak" && state.round === 2) { state.round = 1; goTo("swap"); return; }
      if (state.step === "close") { goTo("check"); return; }
      goTo(order[Math.max(0, order.indexOf(state.step) - 1)]);
    });
    root.querySelector("[data-reflect-again]").addEventListener("click", function () { goTo("reflect"); });
    root.querySelector("[data-sl-restart]").addEventListener("click", function () {
      state.round = 1;
      goTo("setup");
    });
    root.querySelector("[data-time-out]").addEventListener("click", function () {
      stopTimer();
      state.timeOut = true;
      show(true);
    });
    root.querySelector("[data-come-back]").addEventListener("click", function () {
      state.timeOut = false;
      show(true);
    });
    timerStart.addEventListener("click", function () {
      if (remaining <= 0) { resetTimer(); }
      timerStart.hidden = true;
      timerPause.hidden = false;
      note.textContent = "";
      ticking = setInterval(function () {
        remaining -= 1;
        display.textContent = clock(Math.max(0, remaining));
        if (remaining <= 0) {
          stopTimer();
          timerStart.textContent = "Start again";
          note.textContent = "Time's up. Finish your sentence, then the listener reflects back.";
        }
      }, 1000);
    });
    timerPause.addEventListener("click", function () {
      stopTimer();
      timerStart.textContent = "Carry on";
    });

    root.classList.add("is-stepping");
    if (state.step === "speak") { resetTimer(); }
    show(false);
  }

  function ready() {
    coach();
    breathing();
    bodyScan();
    speakerListener();
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", ready);
  } else {
    ready();
  }
})();
