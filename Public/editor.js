// Enhancements of the back office's content form only: without this script every button still
// works through the server, which keeps everything typed.
(function () {
  "use strict";
  var form = document.querySelector("form.editor");
  if (!form) return;
  var text = function (name, fallback) { return form.getAttribute("data-" + name) || fallback; };

  // Repeatable rows: add, remove and reorder in place.
  function renumber(list) {
    var items = list.querySelectorAll(":scope > li");
    items.forEach(function (item, index) {
      item.querySelectorAll("[name], [id], label[for]").forEach(function (el) {
        ["name", "id", "for"].forEach(function (attribute) {
          var value = el.getAttribute(attribute);
          if (value) el.setAttribute(attribute, value.replace(/([.-])\d+([.-])/, "$1" + index + "$2"));
        });
      });
      item.querySelectorAll("label, legend").forEach(function (el) {
        el.childNodes.forEach(function (node) {
          if (node.nodeType === 3) node.nodeValue = node.nodeValue.replace(/\d+(\D*)$/, (index + 1) + "$1");
        });
      });
      item.querySelectorAll("button[name=step]").forEach(function (button) {
        var parts = button.value.split(":");
        if (parts.length !== 3) return;
        button.value = parts[0] + ":" + index + ":" + parts[2];
        if (parts[2] === "up") button.hidden = index === 0;
        if (parts[2] === "down") button.hidden = index === items.length - 1;
      });
    });
  }
  function rowStep(button) {
    var parts = button.value.split(":");
    var fieldset = form.querySelector('[data-rows="' + parts[0] + '"]');
    if (!fieldset) return false;
    var list = fieldset.querySelector(".row-list");
    var items = list.querySelectorAll(":scope > li");
    var focus;
    if (parts[1] === "add") {
      var last = items[items.length - 1];
      var copy = last.cloneNode(true);
      copy.querySelectorAll("input").forEach(function (input) { input.value = ""; });
      copy.querySelectorAll("select").forEach(function (select) { select.selectedIndex = 0; });
      list.appendChild(copy);
      renumber(list);
      focus = copy.querySelector("input, select");
    } else {
      var item = items[Number(parts[1])];
      if (!item) return false;
      if (parts[2] === "remove") {
        focus = item.nextElementSibling || item.previousElementSibling;
        if (items.length === 1) {
          item.querySelectorAll("input").forEach(function (input) { input.value = ""; });
          item.querySelectorAll("select").forEach(function (select) { select.selectedIndex = 0; });
          focus = item;
        } else {
          item.remove();
        }
        focus = focus && focus.querySelector("input, select");
      } else if (parts[2] === "up" && item.previousElementSibling) {
        list.insertBefore(item, item.previousElementSibling);
      } else if (parts[2] === "down" && item.nextElementSibling) {
        list.insertBefore(item.nextElementSibling, item);
      }
      renumber(list);
      if (!focus) {
        var again = item.querySelector('button[value$=":' + parts[2] + '"]:not([hidden])');
        focus = again || item.querySelector("input, select");
      }
    }
    if (focus) focus.focus();
    form.dispatchEvent(new Event("input", { bubbles: true }));
    return true;
  }
  form.addEventListener("click", function (event) {
    var button = event.target.closest("button[name=step]");
    if (!button || !/^[a-z_]+:(add|\d+:(up|down|remove))$/.test(button.value)) return;
    if (rowStep(button)) event.preventDefault();
  });
  form.querySelectorAll(".row-list").forEach(renumber);

  // Long lists of choices narrow as the editor types.
  function filterBox(target, items) {
    var input = document.createElement("input");
    input.type = "search";
    input.className = "choice-filter";
    input.setAttribute("aria-label", text("filter-label", "Type to narrow the list"));
    input.addEventListener("input", function () {
      var words = input.value.trim().toLowerCase();
      items().forEach(function (item) {
        item.hidden = words !== "" && item.textContent.toLowerCase().indexOf(words) < 0 && !(item.selected || (item.querySelector && item.querySelector(":checked")));
      });
    });
    target.parentNode.insertBefore(input, target);
  }
  form.querySelectorAll("select[data-filterable]").forEach(function (select) {
    filterBox(select, function () { return Array.prototype.slice.call(select.options, 1); });
  });
  form.querySelectorAll("fieldset[data-filterable]").forEach(function (fieldset) {
    var first = fieldset.querySelector("label");
    if (first) filterBox(first, function () { return Array.prototype.slice.call(fieldset.querySelectorAll(":scope > label")); });
  });
  // The image search narrows the thumbnails already shown while typing; its button still asks the server.
  form.querySelectorAll(".image-chooser").forEach(function (chooser) {
    var search = chooser.querySelector("input[type=search]");
    if (!search) return;
    search.addEventListener("input", function () {
      var words = search.value.trim().toLowerCase();
      chooser.querySelectorAll(".image-picker .image-choices > li").forEach(function (item) {
        item.hidden = words !== "" && item.textContent.toLowerCase().indexOf(words) < 0 && !item.querySelector(":checked");
      });
    });
    search.addEventListener("keydown", function (event) {
      if (event.key === "Enter") { event.preventDefault(); chooser.querySelector("button[name=step]").click(); }
    });
  });

  // A small Markdown toolbar: it only types the same marks the help describes.
  var marks = [
    ["heading", "H", function (s) { return { line: "## " }; }],
    ["bold", "B", function (s) { return { wrap: ["**", "**"] }; }],
    ["link", "Link", function (s) { var url = window.prompt(text("link-prompt", "Address of the link"), "https://"); return url ? { wrap: ["[", "](" + url + ")"] } : null; }],
    ["list", "List", function (s) { return { line: "- " }; }],
    ["quote", "Quote", function (s) { return { line: "> " }; }]
  ];
  form.querySelectorAll("textarea[data-markdown]").forEach(function (area) {
    var bar = document.createElement("span");
    bar.className = "md-toolbar";
    bar.setAttribute("role", "toolbar");
    bar.setAttribute("aria-label", text("toolbar-label", "Formatting") + " · " + (area.labels[0] ? area.labels[0].textContent.trim() : ""));
    bar.setAttribute("aria-controls", area.id);
    marks.forEach(function (mark) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "secondary";
      button.textContent = text("md-" + mark[0], mark[1]);
      button.addEventListener("click", function () {
        var start = area.selectionStart, end = area.selectionEnd, value = area.value;
        var edit = mark[2](value.slice(start, end));
        if (!edit) return;
        if (edit.wrap) {
          area.setRangeText(edit.wrap[0] + value.slice(start, end) + edit.wrap[1], start, end, "end");
        } else {
          var lineStart = value.lastIndexOf("\n", start - 1) + 1;
          var block = value.slice(lineStart, end).split("\n").map(function (line) { return edit.line + line; }).join("\n");
          area.setRangeText(block, lineStart, end, "end");
        }
        area.focus();
        area.dispatchEvent(new Event("input", { bubbles: true }));
      });
      bar.appendChild(button);
    });
    area.parentNode.insertBefore(bar, area);
  });
})();
