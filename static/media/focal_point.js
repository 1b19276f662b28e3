/*
 * The image form's focal point: a click on the picture stores where the
 * click was (0–1 across and down) in the hidden focal_x / focal_y fields
 * and moves the marker there. Saving the form re-crops the social image.
 */
"use strict";

(function () {
  function setUp(picker) {
    const image = picker.querySelector("img");
    const marker = picker.querySelector(".focal-marker");
    const fieldX = document.getElementById("id_focal_x");
    const fieldY = document.getElementById("id_focal_y");
    if (!image || !marker || !fieldX || !fieldY) {
      return;
    }
    function place() {
      marker.style.left = (parseFloat(fieldX.value) || 0.5) * 100 + "%";
      marker.style.top = (parseFloat(fieldY.value) || 0.5) * 100 + "%";
    }
    function clamp(value) {
      return Math.min(1, Math.max(0, value));
    }
    image.addEventListener("click", function (event) {
      const box = image.getBoundingClientRect();
      fieldX.value = clamp((event.clientX - box.left) / box.width).toFixed(4);
      fieldY.value = clamp((event.clientY - box.top) / box.height).toFixed(4);
      place();
    });
    place();
  }

  function start() {
    document.querySelectorAll("[data-focal-picker]").forEach(setUp);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
