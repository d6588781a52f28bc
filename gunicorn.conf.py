"""gunicorn settings read from the working directory (gunicorn loads ./gunicorn.conf.py).

gunicorn names itself in every response (``Server: gunicorn``); that only helps an attacker
pick exploits, so the header carries the service's neutral name instead.
"""

import gunicorn.http.wsgi

gunicorn.http.wsgi.SERVER = "INFOMIGRA"
