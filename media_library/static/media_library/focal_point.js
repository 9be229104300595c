// Click on the picture to set the focal point; the two number fields hold the value
// that is saved, so the form still works (by typing) without this script.
"use strict";
document.addEventListener("DOMContentLoaded", () => {
  const picker = document.querySelector(".focal-point-picker");
  const inputX = document.getElementById("id_focal_x");
  const inputY = document.getElementById("id_focal_y");
  if (!picker || !inputX || !inputY) return;
  const marker = picker.querySelector(".focal-point-marker");
  const image = picker.querySelector("img");

  function place(x, y) {
    marker.style.left = `${x * 100}%`;
    marker.style.top = `${y * 100}%`;
  }

  const round = (value) => Math.round(Math.min(Math.max(value, 0), 1) * 1000) / 1000;

  image.addEventListener("click", (event) => {
    const box = image.getBoundingClientRect();
    const x = round((event.clientX - box.left) / box.width);
    const y = round((event.clientY - box.top) / box.height);
    inputX.value = x;
    inputY.value = y;
    place(x, y);
  });
  for (const input of [inputX, inputY]) {
    input.addEventListener("input", () => place(Number(inputX.value), Number(inputY.value)));
  }
  place(Number(inputX.value), Number(inputY.value));
});
