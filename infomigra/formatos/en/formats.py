# A date and time written out: "Monday 7 December 2026, 18:30".
FECHA_HORA_LARGA = "l j F Y, H:i"
