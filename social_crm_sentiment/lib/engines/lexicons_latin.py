"""Hand-made sentiment lexicons (valence -4..4) for es, fr, de and pt.

Written for this project (no third-party data): the words customers use about
products, deliveries and support on social media. Accents are optional (folded
at load time); ``*`` marks a prefix entry (``encant*`` = encanta, encantado...).
"""

from .lexicon_rules import LanguageLexicon

# fmt: off
SPANISH = LanguageLexicon.build(
    valences={
        "bueno": 1.9, "buen": 1.9, "buena": 1.9, "buenos": 1.9, "buenas": 1.9,
        "buenísimo": 3.0, "buenísima": 3.0, "excelente": 3.2, "genial": 3.0,
        "increíble": 2.8, "maravill*": 3.0, "perfect*": 2.8, "encant*": 2.8,
        "gusta": 1.8, "gustó": 1.8, "gustan": 1.8, "feliz": 2.6, "content*": 2.2,
        "rápido": 1.2, "rápida": 1.2, "recomiendo": 2.2, "recomendable": 2.2,
        "gracias": 1.8, "agradecid*": 2.2, "amable": 2.0, "fantástic*": 3.0,
        "espectacular": 3.0, "mejor": 1.8, "bien": 1.5, "fácil": 1.2,
        "útil": 1.6, "precios*": 2.4, "bonit*": 2.2, "lindo": 2.2, "linda": 2.2,
        "satisfech*": 2.2, "amo": 2.8, "adoro": 3.0, "chévere": 2.4, "guay": 2.4,
        "top": 1.8, "éxito": 2.0, "feliz*": 2.6, "estupend*": 3.0,
        "malo": -2.5, "mal": -2.0, "mala": -2.5, "malos": -2.5, "malas": -2.5,
        "pésim*": -3.2, "horrible": -3.0, "terrible": -3.0, "fatal": -2.8,
        "peor": -2.6, "odio": -3.0, "odia*": -2.8, "asco": -3.0, "asqueros*": -3.0,
        "basura": -3.0, "roto": -2.2, "rota": -2.2, "estafa*": -3.2, "fraude": -3.2,
        "lento": -1.5, "lenta": -1.5, "decepci*": -2.6, "enfadad*": -2.4,
        "enojad*": -2.4, "molest*": -2.0, "triste": -2.2, "problema": -1.6,
        "problemas": -1.6, "fallo": -1.8, "falla": -1.8, "error": -1.6,
        "defectuos*": -2.4, "caro": -1.2, "queja": -1.8,
        "vergüenza": -2.6, "lamentable": -2.8, "inútil": -2.4, "desastre": -3.0,
        "indignad*": -2.6, "harto": -2.2, "harta": -2.2, "mierda": -3.0,
        "porquería": -3.0, "timo": -3.0, "robo": -2.6, "nefast*": -3.0,
        "horror*": -3.0, "penoso": -2.6, "cutre": -2.2,
    },
    negators={"no", "nunca", "jamás", "ni", "tampoco", "sin", "nada", "nadie"},
    intensifiers={
        "muy", "súper", "super", "tan", "demasiado", "bastante", "realmente",
        "mega", "sumamente", "totalmente", "extremadamente", "increíblemente",
    },
    contrasts={"pero", "embargo"},
)

FRENCH = LanguageLexicon.build(
    valences={
        "bon": 1.9, "bonne": 1.9, "bons": 1.9, "bonnes": 1.9, "bien": 1.5,
        "excellent*": 3.2, "génial": 3.0, "géniale": 3.0, "super": 2.4,
        "parfait*": 2.8, "magnifique": 3.0, "merveill*": 3.0, "formidable": 3.0,
        "adore": 3.0, "adoré": 3.0, "aime": 2.0, "aimé": 2.0, "content*": 2.2,
        "heureu*": 2.6, "ravi": 2.6, "ravie": 2.6, "merci": 1.8, "top": 1.8,
        "rapide": 1.2, "recommande": 2.2, "satisfait*": 2.2, "agréable": 2.2,
        "sympa": 2.0, "chouette": 2.2, "incroyable": 2.6, "fantastique": 3.0,
        "efficace": 1.8, "impeccable": 2.8, "beau": 2.0, "belle": 2.0,
        "facile": 1.2, "utile": 1.6, "meilleur*": 2.0, "bravo": 2.6,
        "nickel": 2.2, "cool": 1.8, "excellente": 3.2, "génia*": 3.0,
        "mauvais*": -2.5, "mal": -2.0, "nul": -2.8, "nulle": -2.8, "nuls": -2.8,
        "horrible": -3.0, "terrible": -2.4, "affreu*": -3.0, "pire": -2.6,
        "déteste": -3.0, "détest*": -3.0, "déçu*": -2.6, "décevant*": -2.6,
        "déception": -2.6, "arnaque*": -3.2, "escroc*": -3.2, "cassé": -2.2,
        "cassée": -2.2, "panne": -2.0, "lent": -1.5, "lente": -1.5,
        "problème*": -1.6, "bug*": -1.6, "inutile": -2.4, "honte": -2.6,
        "honteu*": -2.8, "lamentable": -2.8, "catastroph*": -3.0, "colère": -2.6,
        "furieu*": -3.0, "énervé*": -2.4, "triste": -2.2, "mécontent*": -2.6,
        "cher": -1.0, "chère": -1.0, "merde": -3.0, "pourri*": -2.8,
        "dégueulasse": -3.0, "défectueu*": -2.4, "retard*": -1.6,
        "inadmissible": -3.0, "scandal*": -2.8, "ennuyeu*": -2.0, "médiocre": -2.4,
    },
    negators={"ne", "n", "pas", "jamais", "sans", "aucun", "aucune", "rien", "ni"},
    intensifiers={
        "très", "trop", "vraiment", "tellement", "hyper", "extrêmement",
        "vachement", "absolument", "totalement", "si", "super",
    },
    contrasts={"mais", "cependant", "pourtant"},
)

GERMAN = LanguageLexicon.build(
    valences={
        "gut": 1.9, "gute": 1.9, "guter": 1.9, "gutes": 1.9, "guten": 1.9,
        "super": 2.4, "toll*": 2.6, "klasse": 2.6, "prima": 2.4, "perfekt*": 2.8,
        "wunderbar*": 3.0, "wundervoll*": 3.0, "ausgezeichnet*": 3.2,
        "hervorragend*": 3.2, "genial*": 3.0, "fantastisch*": 3.0, "liebe": 2.6,
        "lieben": 2.6, "empfehl*": 2.0, "zufrieden": 2.2, "glücklich*": 2.6,
        "freue": 2.4, "freut": 2.4, "freude": 2.4, "danke": 1.8, "schnell*": 1.2,
        "hilfreich*": 2.0, "freundlich*": 2.0, "top": 1.8, "spitze": 2.6,
        "begeistert": 2.8, "lecker*": 2.4, "nett*": 1.8, "beste": 2.0,
        "besten": 2.0, "bester": 2.0, "traumhaft*": 3.0, "cool": 1.8,
        "schön": 2.2, "schöne": 2.2, "schönen": 2.2, "großartig*": 3.0,
        "schlecht*": -2.5, "schlimm*": -2.6, "schrecklich*": -3.0,
        "furchtbar*": -3.0, "katastroph*": -3.0, "mies*": -2.6, "mist": -2.4,
        "kaputt*": -2.4, "defekt*": -2.4, "betrug": -3.2, "betrüger*": -3.2,
        "abzocke*": -3.2, "enttäusch*": -2.6, "ärgerlich*": -2.4, "ärger": -2.2,
        "wütend": -3.0, "sauer": -2.0, "traurig*": -2.2, "langsam*": -1.4,
        "problem*": -1.6, "fehler*": -1.6, "nutzlos*": -2.4, "unbrauchbar*": -2.8,
        "teuer*": -1.0, "hass*": -3.0, "scheiß*": -3.0, "scheiss*": -3.0,
        "frechheit": -2.8, "unverschämt*": -3.0, "unzufrieden*": -2.6,
        "mangelhaft*": -2.6, "peinlich*": -2.2, "grauenhaft*": -3.0,
        "grottig*": -3.0, "nervig*": -2.0, "schade": -1.6, "leider": -1.2,
        "murks": -2.6, "langweilig*": -2.0, "überteuert*": -2.2,
    },
    negators={
        "nicht", "kein", "keine", "keinen", "keiner", "keines", "nie", "niemals",
        "ohne", "nichts",
    },
    intensifiers={
        "sehr", "total", "extrem", "wirklich", "echt", "richtig", "absolut",
        "voll", "mega", "besonders", "unglaublich", "so", "ziemlich", "zu",
    },
    contrasts={"aber", "jedoch", "trotzdem", "allerdings"},
)

PORTUGUESE = LanguageLexicon.build(
    valences={
        "bom": 1.9, "boa": 1.9, "bons": 1.9, "boas": 1.9, "ótimo": 3.0,
        "ótima": 3.0, "excelente": 3.2, "perfeit*": 2.8, "maravilh*": 3.0,
        "incrível": 2.8, "lindo": 2.4, "linda": 2.4, "amo": 2.8, "amei": 2.8,
        "adoro": 3.0, "adorei": 3.0, "gostei": 1.8, "gosto": 1.6, "feliz": 2.6,
        "satisfeit*": 2.2, "obrigad*": 1.8, "valeu": 1.8, "recomendo": 2.2,
        "rápido": 1.2, "rápida": 1.2, "top": 1.8, "show": 2.0, "legal": 2.0,
        "bacana": 2.0, "fantástic*": 3.0, "sensacional": 3.0, "melhor": 1.8,
        "útil": 1.6, "fácil": 1.2, "eficiente": 1.8, "parabéns": 2.4,
        "contente": 2.2, "incríveis": 2.8, "maneiro": 2.0,
        "ruim": -2.5, "péssim*": -3.2, "horrível": -3.0, "terrível": -3.0,
        "pior": -2.6, "odeio": -3.0, "odiei": -3.0, "lixo": -3.0,
        "quebrad*": -2.2, "golpe": -3.2, "fraude": -3.2, "lento": -1.5,
        "lenta": -1.5, "decepcion*": -2.6, "decepção": -2.6, "triste": -2.2,
        "problema*": -1.6, "defeito*": -2.0, "defeituos*": -2.4, "caro": -1.2,
        "inútil": -2.4, "vergonha": -2.6, "lamentável": -2.8, "desastre": -3.0,
        "absurdo": -2.6, "raiva": -2.6, "irritad*": -2.4, "chatead*": -2.2,
        "merda": -3.0, "porcaria": -3.0, "nojent*": -3.0, "enganad*": -2.6,
        "atraso*": -1.6, "atrasad*": -1.6, "insatisfeit*": -2.6, "descaso": -2.6,
        "palhaçada": -2.4, "mal": -2.0, "má": -2.4,
    },
    negators={"não", "nunca", "jamais", "nem", "sem", "nada", "ninguém"},
    intensifiers={
        "muito", "muita", "super", "tão", "bem", "realmente", "extremamente",
        "bastante", "mega", "totalmente", "mt", "mto",
    },
    contrasts={"mas", "porém", "entretanto", "contudo"},
)
# fmt: on

LEXICONS = {"es": SPANISH, "fr": FRENCH, "de": GERMAN, "pt": PORTUGUESE}
