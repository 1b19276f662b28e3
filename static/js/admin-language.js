// The admin's language menu switches as soon as a language is picked.
// Kept in a file of its own: the Content-Security-Policy allows no inline
// script or event handler attribute.
document.addEventListener("DOMContentLoaded", () => {
  const menu = document.getElementById("admin-language");
  if (menu) {
    menu.addEventListener("change", () => menu.form.submit());
  }
});
