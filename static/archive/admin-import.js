// The import page's meeting selectors are select2 widgets: select2 labels its combobox with the
// selected value only. Add the field's own label, so a screen reader says "Meeting" first.
// Registered as a jQuery ready handler after the admin's own, which is what creates the widgets.
(function () {
  function labelComboboxes() {
    document.querySelectorAll("select.admin-autocomplete").forEach(function (select) {
      var label = document.getElementById(select.id + "_label");
      var container = select.nextElementSibling;
      var combobox = container && container.querySelector(".select2-selection[role=combobox]");
      if (label && combobox) {
        var rendered = combobox.querySelector("[role=textbox]");
        combobox.setAttribute("aria-labelledby", label.id + (rendered ? " " + rendered.id : ""));
        if (rendered) rendered.setAttribute("aria-labelledby", label.id);
      }
    });
  }
  if (window.django && window.django.jQuery) {
    window.django.jQuery(labelComboboxes);
  } else {
    window.addEventListener("load", labelComboboxes);
  }
})();
