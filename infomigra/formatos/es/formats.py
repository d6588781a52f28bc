# A date and time written out: "lunes 7 de diciembre de 2026, 18:30".
FECHA_HORA_LARGA = r"l j \d\e F \d\e Y, H:i"
