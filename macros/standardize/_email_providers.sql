{#- The mail domains of the large consumer providers, world-wide and by country (as mailcheck-style typo
    correctors list them). email_match_key reads a domain one typo away from exactly one of them as that
    one ("gmial.com", "gmail.co", "yaho.com", "hotmial.co.uk"), and never corrects a listed domain itself
    ("mail.com" and "ymail.com" are one letter from gmail.com, "hotmail.fr" from "hotmail.de"). Only
    domains of at least 8 characters are corrected to: "ao.com" and "mx.com" are companies, not a mistyped
    aol.com or me.com. -#}
{% macro _email_providers() -%}
    {{ return([
        "gmail.com", "googlemail.com",
        "yahoo.com", "yahoo.co.uk", "yahoo.ca", "yahoo.com.au", "yahoo.co.nz", "yahoo.ie", "yahoo.fr",
        "yahoo.de", "yahoo.es", "yahoo.it", "yahoo.co.in", "yahoo.co.jp", "yahoo.com.br", "yahoo.com.mx",
        "yahoo.com.ar", "ymail.com", "rocketmail.com",
        "hotmail.com", "hotmail.co.uk", "hotmail.ca", "hotmail.fr", "hotmail.de", "hotmail.es", "hotmail.it",
        "hotmail.nl", "hotmail.com.au", "hotmail.com.br", "hotmail.com.mx",
        "outlook.com", "outlook.fr", "outlook.de", "outlook.es", "outlook.it", "outlook.com.au",
        "outlook.com.br", "live.com", "live.co.uk", "live.ca", "live.fr", "live.nl", "live.com.au", "live.com.mx",
        "msn.com", "passport.com",
        "aol.com", "aol.co.uk", "aim.com", "icloud.com", "me.com", "mac.com",
        "mail.com", "email.com", "usa.com", "gmx.com", "gmx.de", "gmx.net", "gmx.at", "gmx.ch", "web.de",
        "t-online.de", "freenet.de", "arcor.de", "posteo.de", "mailbox.org",
        "protonmail.com", "proton.me", "pm.me", "tutanota.com", "zoho.com", "fastmail.com", "hushmail.com",
        "yandex.ru", "yandex.com", "mail.ru", "rambler.ru", "qq.com", "163.com", "126.com", "sina.com",
        "naver.com", "daum.net", "hanmail.net",
        "comcast.net", "verizon.net", "att.net", "sbcglobal.net", "bellsouth.net", "cox.net", "charter.net",
        "earthlink.net", "optonline.net", "frontier.com", "windstream.net", "juno.com", "netzero.net",
        "btinternet.com", "sky.com", "virginmedia.com", "talktalk.net", "ntlworld.com", "blueyonder.co.uk",
        "tiscali.co.uk", "bigpond.com", "bigpond.net.au", "optusnet.com.au", "iinet.net.au", "tpg.com.au",
        "xtra.co.nz", "shaw.ca", "rogers.com", "sympatico.ca", "telus.net", "videotron.ca", "bell.net",
        "orange.fr", "free.fr", "wanadoo.fr", "sfr.fr", "laposte.net", "neuf.fr",
        "libero.it", "virgilio.it", "alice.it", "tiscali.it", "telefonica.net", "terra.es",
        "uol.com.br", "bol.com.br", "terra.com.br", "ig.com.br", "globo.com", "prodigy.net.mx",
        "xs4all.nl", "ziggo.nl", "kpnmail.nl", "planet.nl", "home.nl", "telenet.be", "skynet.be",
        "bluewin.ch", "wp.pl", "o2.pl", "onet.pl", "interia.pl", "seznam.cz", "rediffmail.com",
    ]) }}
{%- endmacro %}
