/* FAQ suggestions in the answer form: "Insertar" adds the entry's answer to the textarea
   #id_respuesta and counts one use (POST /gestion/faq/<id>/usar/). Without this script the
   buttons stay hidden and the answer text is shown to copy. */
(function () {
  "use strict";

  function tokenCsrf() {
    var campo = document.querySelector("input[name=csrfmiddlewaretoken]");
    if (campo) { return campo.value; }
    var m = document.cookie.match(/(?:^|;\s*)csrftoken=([^;]+)/);
    return m ? decodeURIComponent(m[1]) : "";
  }

  function insertar(texto) {
    var destino = document.getElementById("id_respuesta");
    if (!destino) { return false; }
    var actual = destino.value.replace(/\s+$/, "");
    destino.value = actual ? actual + "\n\n" + texto : texto;
    destino.dispatchEvent(new Event("input", { bubbles: true }));
    destino.focus();
    return true;
  }

  function anunciar(seccion, mensaje) {
    var estado = seccion.querySelector("[role=status]");
    if (estado) { estado.textContent = mensaje; }
  }

  function alPulsar(evento) {
    var boton = evento.currentTarget;
    var seccion = boton.closest("[data-sugerencias-faq]");
    var respaldo = document.getElementById(boton.getAttribute("data-texto"));
    boton.disabled = true;
    fetch(boton.getAttribute("data-insertar-faq"), {
      method: "POST",
      credentials: "same-origin",
      headers: { "X-CSRFToken": tokenCsrf(), "Accept": "application/json" }
    }).then(function (r) {
      if (!r.ok) { throw new Error(String(r.status)); }
      return r.json();
    }).then(function (datos) {
      return datos.respuesta;
    }).catch(function () {
      return respaldo ? respaldo.value : "";
    }).then(function (texto) {
      var ok = texto && insertar(texto);
      anunciar(seccion, seccion.getAttribute(ok ? "data-mensaje-ok" : "data-mensaje-error"));
      boton.disabled = false;
    });
  }

  document.querySelectorAll("[data-insertar-faq]").forEach(function (boton) {
    boton.hidden = false;
    boton.addEventListener("click", alPulsar);
  });
})();
