// The import page's meeting selector is a select2 box, which select2 names only by the chosen
// meeting: empty, the box and the text showing the choice have no accessible name. Name both by the
// form's own label as well. Run from jQuery's ready queue, after Django's autocomplete.js made the box.
django.jQuery(() => {
  for (const select of document.querySelectorAll("select.admin-autocomplete")) {
    const label = document.querySelector(`label[for="${select.id}"]`);
    const box = select.nextElementSibling && select.nextElementSibling.querySelector(".select2-selection");
    if (!label || !box) continue;
    label.id = label.id || `${select.id}_label`;
    box.setAttribute("aria-labelledby", `${label.id} ${box.getAttribute("aria-labelledby") || ""}`.trim());
    const shown = box.querySelector(".select2-selection__rendered");
    if (shown) shown.setAttribute("aria-labelledby", label.id);
  }
});
