// The console's own helpers (no library). A reason field marked
// data-needs-reason becomes required when its form's outcome is one that
// acts against or refuses the member (the server checks it anyway).
(function () {
  "use strict";
  Array.prototype.forEach.call(document.querySelectorAll("textarea[data-needs-reason]"), function (reason) {
    var outcome = reason.form && reason.form.querySelector("select[name=outcome]");
    if (!outcome) { return; }
    var needs = reason.getAttribute("data-needs-reason").split(" ");
    function update() { reason.required = needs.indexOf(outcome.value) >= 0; }
    outcome.addEventListener("change", update);
    update();
  });
})();

// In a list with rows marked data-row, j and k move to the next and
// previous row and Enter opens the row's link. Keys typed into a form
// field are left alone.
(function () {
  "use strict";
  var rows = Array.prototype.slice.call(document.querySelectorAll("tr[data-row]"));
  if (!rows.length) { return; }
  var at = -1;
  function move(to) {
    if (to < 0 || to >= rows.length) { return; }
    if (at >= 0) { rows[at].classList.remove("current"); }
    at = to;
    rows[at].classList.add("current");
    var link = rows[at].querySelector("a[data-open]");
    if (link) { link.focus(); }
  }
  document.addEventListener("keydown", function (e) {
    var t = e.target.tagName;
    if (e.altKey || e.ctrlKey || e.metaKey || t === "INPUT" || t === "TEXTAREA" || t === "SELECT") { return; }
    if (e.key === "j") { move(at + 1); e.preventDefault(); }
    else if (e.key === "k") { move(at < 0 ? 0 : at - 1); e.preventDefault(); }
    else if (e.key === "Enter" && at >= 0 && t !== "A" && t !== "BUTTON") {
      var link = rows[at].querySelector("a[data-open]");
      if (link) { window.location.href = link.href; }
    }
  });
})();
