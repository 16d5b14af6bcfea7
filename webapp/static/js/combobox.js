// A searchable choice over a long <select>, after the WAI-ARIA APG "combobox with listbox popup" (list autocomplete,
// no automatic selection). Progressive enhancement: the <select> stays in the form, hidden, and carries the value
// that is sent, so without script the page works as before. Markup: <div data-combobox data-count-none=...
// data-count-one=... data-count-many="... {count} ..."> around a field whose <select> is enhanced.
(function () {
  "use strict";

  function enhance(wrapper) {
    var select = wrapper.querySelector("select");
    if (!select) { return; }
    var id = select.id;
    var label = document.querySelector('label[for="' + id + '"]');
    var chosenInHtml = Array.prototype.some.call(select.options, function (o) { return o.defaultSelected; });

    var control = document.createElement("div");
    control.className = "combobox-control";
    var input = document.createElement("input");
    var listbox = document.createElement("ul");
    var status = document.createElement("div");

    // the visible control takes the select's id, so that the label and the error summary's link reach it
    select.id = id + "-select";
    input.id = id;
    input.type = "text";
    input.autocomplete = "off";
    input.spellcheck = false;
    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", id + "-listbox");
    ["aria-describedby", "aria-invalid"].forEach(function (name) {
      if (select.hasAttribute(name)) { input.setAttribute(name, select.getAttribute(name)); }
    });
    input.required = select.required;
    if (label && !label.id) { label.id = id + "-label"; }

    listbox.id = id + "-listbox";
    listbox.className = "combobox-listbox";
    listbox.setAttribute("role", "listbox");
    if (label) { listbox.setAttribute("aria-labelledby", label.id); }
    listbox.hidden = true;

    status.className = "visually-hidden";
    status.setAttribute("role", "status");

    var options = Array.prototype.map.call(select.options, function (option, index) {
      var item = document.createElement("li");
      item.id = id + "-option-" + index;
      item.setAttribute("role", "option");
      item.setAttribute("aria-selected", "false");
      item.textContent = option.text;
      item.dataset.index = index;
      listbox.appendChild(item);
      return item;
    });

    control.appendChild(input);
    control.appendChild(listbox);
    control.appendChild(status);
    select.parentNode.insertBefore(control, select);
    select.hidden = true;
    select.removeAttribute("aria-describedby");
    if (chosenInHtml) { input.value = select.options[select.selectedIndex].text; } else { select.selectedIndex = -1; }

    var active = null;
    var announceTimer = null;

    function visible() { return options.filter(function (item) { return !item.hidden; }); }

    function announce(count) {
      var text = count === 0 ? wrapper.dataset.countNone
        : count === 1 ? wrapper.dataset.countOne : wrapper.dataset.countMany.replace("{count}", count);
      // after a pause, so that the screen reader first speaks the letter typed
      clearTimeout(announceTimer);
      announceTimer = setTimeout(function () { status.textContent = text; }, 400);
    }

    function setActive(item) {
      if (active) { active.setAttribute("aria-selected", "false"); }
      active = item;
      if (item) {
        item.setAttribute("aria-selected", "true");
        input.setAttribute("aria-activedescendant", item.id);
        item.scrollIntoView({ block: "nearest" });
      } else {
        input.removeAttribute("aria-activedescendant");
      }
    }

    function open() {
      var count = visible().length;
      listbox.hidden = count === 0;
      input.setAttribute("aria-expanded", String(count > 0));
      return count;
    }

    function close() {
      setActive(null);
      listbox.hidden = true;
      input.setAttribute("aria-expanded", "false");
    }

    function filter() {
      var typed = input.value.trim().toLowerCase();
      options.forEach(function (item) { item.hidden = item.textContent.toLowerCase().indexOf(typed) === -1; });
      setActive(null);
      announce(open());
    }

    // the value sent is the option whose name was picked or typed out in full, otherwise none
    function syncSelect() {
      var typed = input.value.trim().toLowerCase();
      var same = function (item) { return item.textContent.toLowerCase() === typed; };
      if (select.selectedIndex !== -1 && same(options[select.selectedIndex])) { return; }  // two of the same name
      var match = options.filter(same)[0];
      select.selectedIndex = match ? Number(match.dataset.index) : -1;
    }

    function choose(item) {
      input.value = item.textContent;
      select.selectedIndex = Number(item.dataset.index);
      close();
    }

    function step(delta) {
      var shown = visible();
      if (listbox.hidden) {
        filter();
        shown = visible();
      }
      if (shown.length === 0) { return; }
      var at = shown.indexOf(active);
      var next = at === -1 ? (delta > 0 ? 0 : shown.length - 1) : (at + delta + shown.length) % shown.length;
      setActive(shown[next]);
    }

    input.addEventListener("input", function () { filter(); syncSelect(); });
    input.addEventListener("click", function () { if (listbox.hidden) { filter(); } });
    input.addEventListener("blur", function () { close(); syncSelect(); });
    input.addEventListener("keydown", function (event) {
      if (event.altKey && event.key === "ArrowDown") {
        filter();
      } else if (event.key === "ArrowDown") {
        step(1);
      } else if (event.key === "ArrowUp") {
        step(-1);
      } else if (event.key === "Enter" && active) {
        choose(active);
      } else if (event.key === "Escape" && !listbox.hidden) {
        close();
      } else if (event.key === "Escape") {
        input.value = "";
        select.selectedIndex = -1;
      } else {
        return;
      }
      event.preventDefault();
    });
    // keep the focus in the input when an option is clicked
    listbox.addEventListener("mousedown", function (event) { event.preventDefault(); });
    listbox.addEventListener("click", function (event) {
      var item = event.target.closest("[role=option]");
      if (item) { choose(item); }
    });
    if (select.form) { select.form.addEventListener("submit", syncSelect); }
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("[data-combobox]").forEach(enhance);
  });
}());
