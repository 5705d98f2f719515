// Optional: fill the legal basis of the chosen ground into the decision form, so the handler
// sees and can edit it before sending. Without JavaScript the server fills in the same text
// when the field is left blank (forms.LEGAL_BASIS).
(function () {
  "use strict";
  var data = document.getElementById("legal-basis-defaults");
  var ground = document.querySelector("select[name='decide-ground']");
  var basis = document.querySelector("textarea[name='decide-legal_basis']");
  if (!data || !ground || !basis) return;
  var defaults = JSON.parse(data.textContent);
  var filled = "";
  function fill() {
    var text = defaults[ground.value] || "";
    if (basis.value.trim() === "" || basis.value === filled) {
      basis.value = text;
      filled = text;
    }
  }
  ground.addEventListener("change", fill);
  if (ground.value) fill();
})();
