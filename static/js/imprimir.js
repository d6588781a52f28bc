// Show the "print this guide" buttons (they need JavaScript) and wire them to window.print().
document.querySelectorAll("[data-imprimir]").forEach(function (boton) {
  boton.classList.remove("d-none");
  boton.addEventListener("click", function () { window.print(); });
});
