#!/usr/bin/env python3
"""Independent generator of French WhatsApp group-chat exports ("Exporter la discussion").

Written by someone who had not seen the crate's source nor its own generator
(benches/corpus.rs), only the format reference, the README format section and the
hand-written fixtures (data only), so that the parser's exact message count and speed
can be checked on a corpus it was not shaped by (GitHub issue 5).  Standard library
only; not used by the build or the tests.

    python3 tools/independent_corpus.py --platform android --size 100000000 --seed 7 --out /tmp/indep/android100.txt
    python3 tools/independent_corpus.py --check /tmp/indep/android100.txt --platform android

Writes OUT and OUT.count (the exact number of messages = header lines written).

Layouts
  android : "DD/MM/YYYY, HH:MM - Name: body"        (2024 layout, LF, system lines
            "DD/MM/YYYY, HH:MM - <LRM>Sentence", no author)
  ios     : "[DD/MM/YYYY HH:MM:SS] Name: body"       (records end in CRLF, line breaks
            inside a message are bare LF; attachment/placeholder lines start with
            <LRM> before "["; system bodies start with <LRM> and are attributed)

Every header line starts exactly one message.  Continuation lines are checked
(assert) against a lenient regex of the file's own layout family, so none of them
can be read as a header of that layout.  On purpose, some continuation lines are
headers of *another* layout (an iOS header pasted into an Android message, an
Android header pasted into an iOS message, the no-comma Android layout
"DD/MM/YYYY HH:MM - " inside a comma-layout Android file); --no-cross-layout turns
those off.
"""

# ---------------------------------------------------------------------------
# Proportions (percent of all messages; the rest of the file is continuation lines)
# ---------------------------------------------------------------------------
CATEGORY_WEIGHTS = {
    "text": 81.5,          # plain user text (see TEXT_* below)
    "media": 11.0,         # attachment or omitted media (see MEDIA_*)
    "deleted": 1.6,        # "Ce message a été supprimé" / "Vous avez supprimé ce message"
    "system": 1.3,         # membership / group events (see SYSTEM_WEIGHTS)
    "location": 0.35,      # pin location 80 %, place (foursquare) 12 %, live location 8 %
    "poll": 0.15,          # POLL: / OPTION: (English keywords, as in S9)
    "view_once": 0.3,      # Android body "null" (on iOS counted as text instead: U)
    "missed_call": 0.1,    # iOS "Appel vocal de groupe manqué" (on Android: text instead: U)
}
TEXT_MULTILINE = 0.10      # share of text messages that span several lines
TEXT_EDITED = 0.02         # share of text messages ending with the edit marker
TEXT_MENTION = 0.035       # share of text messages with an @<FSI>Name<PDI> mention
TEXT_EMOJI = 0.22          # share of text messages with at least one emoji
TEXT_LONG = 0.03           # share of single-line texts that are a long paragraph
TEXT_NBSP_PUNCT = 0.06     # French typography: NBSP / NNBSP before ? ! : ;
IOS_CURLY_APOS = 0.7       # iOS smart punctuation: ' -> ’ in user text
SAME_SENDER_BURST = 0.28   # probability that the previous sender writes again
MEDIA_OMITTED = 0.2        # media share written as <Médias omis> / iOS placeholders
MEDIA_CAPTION = 0.15       # Android attached image/video with a caption line
MEDIA_WEIGHTS = {"image": 55, "video": 10, "voice": 15, "audio": 2, "sticker": 8,
                 "gif": 3, "document": 5, "contact": 2}
SYSTEM_WEIGHTS = {         # relative
    "joined_via_link": 20, "added": 18, "join_request": 4, "left": 20, "removed": 6,
    "subject": 3, "description": 3, "icon": 4, "security_code": 20, "settings": 2,
}
SYSTEM_BY_EXPORTER = 0.12  # share of add / remove / subject / description / icon done by "Vous"
MEMBERS_MIN, MEMBERS_MAX, MEMBERS_START = 10, 40, 14
CROSS_LAYOUT_IN_MULTILINE = 0.06  # share of multi-line messages carrying a pasted foreign header
START = (2019, 3, 14, 16, 11)     # group creation; the chat then spans to END
END = (2025, 9, 28, 22, 0)

import argparse
import bisect
import datetime as dt
import os
import re
import sys

LRM, NBSP, NNBSP, FSI, PDI = "\u200e", "\u00a0", "\u202f", "\u2068", "\u2069"
EDIT = "<Ce message a été modifié>"

EXPORTER = "Camille Roux"
CREATOR = "Hélène Garnier"
GROUP_NAME = "Les copains du 11e"
SUBJECTS = [
    "Rando : sorties 2025", "Les copains du 11e 🎉", "Apéros du jeudi 🍻", "Jardin partagé « Les Lilas »",
    "Les copains du 11e", "Vacances été 🌞", "Pétanque & compagnie", "Foot du dimanche ⚽",
    "Sortie vélo : planning", "Les voisins d'en face", "Anniv' de Zoé 🎂", "Club lecture : saison 3",
]

CONTACTS = [
    "Hélène Garnier", "Jérôme Lefèvre", "Élodie Marchand", "Loïc", "Zoé Moreau", "Maëlle Caron",
    "Noémie", "Gaël Le Goff", "François Dubois", "Cécile", "Benoît Perrin", "Anaïs", "Inès Haddad",
    "Léa 🌸", "Théo", "Raphaël Nguyen", "Chloé Fabre", "Agnès (maman Lucas)", "Frédéric", "Séverine Roy",
    "Adèle", "Clémence Vidal", "Joël", "Aurélien Blanc", "Amélie", "Bérénice Lambert", "Jean-François",
    "Marie-Hélène Colin", "Solène", "Timothée", "Héloïse Girard", "Côme", "Océane", "Gaëtan Robert",
    "Valérie Mercier", "Stéphane", "Émile", "Jérémy Faure", "Ségolène", "Karim Benali", "Yasmine",
    "Mehdi Amrani", "Nadia", "Thuy Trần", "Rémi ⚽", "Maïwenn", "Grégoire", "Aïcha Diallo",
    "Josiane", "Éric Bonnet", "Lucie B.", "Hugo", "Mélanie 🐝", "Sébastien", "Françoise",
]
PUSH_NAMES = ["Maxime", "Juju", "Pauline ☀️", "Béa", "Nico Lyon", "Mamie Josette"]  # iOS ~<NNBSP>

# ---------------------------------------------------------------------------
# Text material
# ---------------------------------------------------------------------------
FILL = {
    "jour": ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche", "demain",
             "ce week-end", "samedi prochain", "dimanche matin", "jeudi soir", "la semaine prochaine",
             "ce soir", "après-demain", "le 14", "le 1er", "vendredi 13"],
    "heure": ["18h", "18h30", "19 h", "midi", "9h15", "10h", "14h", "20h30", "7h45", "21h", "16 h 30", "8h"],
    "activite": ["la rando", "le foot", "l'apéro", "le ciné", "la pétanque", "le marché de Noël",
                 "la réunion de l'asso", "le pique-nique", "la sortie vélo", "le vide-grenier",
                 "la fête des voisins", "le brunch", "la soirée jeux", "le concert", "la piscine",
                 "le cours de yoga", "la brocante", "le barbecue", "l'atelier compost", "la course"],
    "lieu": ["chez Hélène", "au parc des Buttes-Chaumont", "devant la mairie", "à la gare de Lyon",
             "au café du coin", "place de la République", "à Fontainebleau", "au bar d'en bas",
             "chez moi", "au jardin partagé", "à la médiathèque", "au gymnase", "sur le parking du Leclerc",
             "près du canal", "à la boulangerie", "au square", "chez Théo", "à Montreuil"],
    "nourriture": ["une quiche", "des crêpes", "du rosé", "du fromage", "une tarte aux pommes", "des chips",
                   "le café", "des croissants", "une salade de lentilles", "du cidre", "des merguez",
                   "un gâteau au chocolat", "du pain", "des clémentines", "une galette", "du houmous"],
    "chose": ["la photo", "le message de la mairie", "l'article", "le lien", "la vidéo", "le compte rendu",
              "le planning", "la météo", "le devis", "le sondage", "la liste", "l'affiche", "le doodle"],
    "excuse": ["j'ai les enfants", "je bosse tard", "je suis malade", "on part chez mes beaux-parents",
               "j'ai un rendez-vous médical", "ma voiture est au garage", "c'est l'anniv de ma sœur",
               "grève des trains", "je suis crevé", "il y a la réunion parents-profs"],
    "adj": ["génial", "super", "top", "trop bien", "sympa", "parfait", "incroyable", "pas mal", "nickel",
            "chouette", "adorable", "énorme", "délicieux"],
    "prenom": ["Hélène", "Jérôme", "Élodie", "Loïc", "Zoé", "Maëlle", "Noémie", "Gaël", "François", "Cécile",
               "Benoît", "Anaïs", "Inès", "Léa", "Théo", "Raphaël", "Chloé", "Agnès", "Adèle", "Joël"],
    "nombre": ["2", "3", "4", "5", "6", "8", "10", "12", "15", "20"],
    "prix": ["5 €", "12 €", "7,50 €", "20 €", "3 €", "45 €", "120 €", "8 €", "15,90 €"],
    "meteo": ["il pleut", "il fait un temps magnifique", "il caille", "il fait 30 degrés", "ça se couvre",
              "grand soleil", "il y a du vent", "ils annoncent de l'orage"],
}

TEMPLATES = [
    "Quelqu'un est dispo {jour} pour {activite} ?",
    "On se retrouve à quelle heure {jour} ?",
    "Qui vient {jour} ?",
    "Vous avez vu {chose} ?",
    "Je serai là vers {heure}",
    "Je peux amener {nourriture}",
    "Désolé je ne pourrai pas venir {jour}, {excuse}",
    "Merci pour {chose} !",
    "C'était {adj} hier !",
    "Pensez à prendre {nourriture} pour {activite}",
    "Rendez-vous {lieu} à {heure}",
    "Je suis en retard, j'arrive dans {nombre} minutes",
    "Ok pour moi",
    "{adj} !",
    "Trop {adj} {activite} hier",
    "Quelqu'un a le numéro de {prenom} ?",
    "{prenom} tu peux ramener {nourriture} ?",
    "Attention {meteo} {jour}, prévoyez en conséquence",
    "Bon, {meteo}... on maintient {activite} ?",
    "Je propose qu'on décale {activite} à {jour}",
    "C'est {prix} par personne pour {activite}",
    "J'ai payé {prix}, je vous fais un Lydia ?",
    "Quelqu'un a vu mes clés ? Je les ai peut-être oubliées {lieu}",
    "Je passe {lieu} vers {heure} si quelqu'un veut venir",
    "On est {nombre} pour l'instant",
    "Ça marche, à {jour} !",
    "Bonne nuit tout le monde",
    "Bonjour à tous ! Bonne semaine",
    "Salut, je confirme pour {jour}",
    "Je m'occupe de {nourriture}",
    "Il reste de la place dans ma voiture pour {activite}, {nombre} places",
    "Quelqu'un peut m'avancer {prix} ? Je n'ai pas de monnaie",
    "Bravo à {prenom} pour l'organisation, c'était {adj}",
    "Ah mince, j'avais oublié {activite}",
    "C'est noté",
    "Qui a des photos de {activite} ?",
    "Je vous mets {chose} dès que je l'ai",
    "Le parking {lieu} est fermé {jour}, attention",
    "Pour {activite} il faudrait s'inscrire avant {jour}",
    "Vous êtes chauds pour {activite} {jour} ?",
    "Grave ! Je suis partante",
    "Je viens avec ma sœur si ça ne dérange pas",
    "Est-ce que quelqu'un a une rallonge électrique à prêter ?",
    "Je crois que {prenom} est déjà parti",
    "Quelle heure déjà {jour} ? {heure} ?",
    "On dit {heure} {lieu} alors",
    "Les enfants ont adoré {activite}",
    "Je ramène les gobelets et {nourriture}",
    "Vous voulez qu'on réserve une table {lieu} ?",
    "J'ai trouvé un gant {lieu}, il est à qui ?",
    "Félicitations {prenom} !!!",
    "Joyeux anniversaire {prenom} 🎂🎉",
    "Bon rétablissement {prenom}, prends soin de toi",
    "Pas de souci",
    "Je regarde ce soir et je vous dis",
    "Super idée",
    "On fait comme ça",
    "Quelqu'un connaît un bon plombier dans le quartier ?",
    "La boulangerie du coin est fermée jusqu'à {jour}",
    "Merci {prenom} 🙏",
    "C'est où exactement ?",
    "Je suis {lieu}, vous êtes où ?",
    "Je ne trouve pas, vous êtes où ?",
    "Pas mieux",
    "Je confirme : {activite}, c'est annulé {jour}",
    "Report de {activite} à {jour} à cause de la météo",
    "J'arrive !",
    "Vous avez pensé au cadeau pour {prenom} ?",
    "On met {prix} chacun pour le cadeau ?",
    "Oui bien sûr",
    "Non pas encore",
    "Peut-être, je vous redis {jour}",
    "Ha ha oui",
    "Exactement",
    "Je me suis inscrit pour {activite}, il reste des places",
    "Le lien pour s'inscrire : https://www.helloasso.com/associations/les-copains-du-11e/evenements/{nombre}",
    "Regardez ça https://www.youtube.com/watch?v=dQw4w9WgXcQ",
    "Il y a un article là-dessus : https://www.lemonde.fr/societe/article/2023/05/{nombre}/",
    "Je vends un vélo enfant {prix}, si ça intéresse quelqu'un",
    "Quelqu'un aurait une perceuse à me prêter {jour} ?",
    "Les résultats : 3-2 pour nous 💪",
    "Le film commence à {heure}, on se retrouve 15 min avant",
    "Vous avez des nouvelles de {prenom} ?",
    "Ça fait longtemps ! On se fait {activite} bientôt ?",
    "Mon fils a 10 ans aujourd'hui 🥳",
    "Quelqu'un va au marché {jour} ?",
    "J'ai des tomates du jardin à donner, servez-vous",
    "Pensez à rendre les clés du local à {prenom}",
    "Réunion de l'asso {jour} à {heure} {lieu}, venez nombreux",
    "Le thème de {activite} c'est « années 80 » 🕺",
    "La cotisation annuelle est de {prix}, à régler avant {jour}",
    "Je suis coincé dans le RER, désolé",
    "Bien arrivés, merci pour tout !",
    "C'est qui qui a pris mon parapluie ? 😅",
]

SHORT = ["Ok", "Ok 👍", "Merci !", "Top", "Oui", "Non", "Grave", "Trop bien", "Ah d'accord", "Génial",
         "Ça marche", "Avec plaisir", "Bien vu", "Haha", "😂😂😂", "👍", "🙏", "❤️", "Mdr", "Ptdr", "Carrément",
         "Je veux bien", "Bonne idée !", "Dispo", "Pas dispo", "Présent", "Présente", "Moi aussi",
         "Pareil", "Coucou !", "Bonsoir", "Bonjour", "Salut", "À plus", "Bisous", "Bises à tous",
         "Super, merci", "Yes", "Nickel", "D'acc", "Oki", "Vu", "Reçu", "C'est fait", "En route",
         "Bravo !", "Waouh", "Ah zut", "Dommage", "Courage !", "Pas de souci", "Merci à vous",
         "😍", "🎉🎉", "😅", "Je plussoie", "+1", "Idem", "Volontiers", "Chaud !", "Trop mignon 😍",
         "Oh non", "C'est vrai", "Ah bon ?", "Tu m'étonnes", "Exact", "J'avoue", "Vrai", "Bon courage"]

LONG = [
    "Petit retour sur la réunion d'hier : on a parlé du budget, des travaux du local et de la fête "
    "de fin d'année. Rien n'est encore décidé pour la date, mais la majorité préfère un samedi. "
    "Je vous envoie le compte rendu complet dès que Jérôme l'a relu. Merci à tous ceux qui sont venus, "
    "on était presque trente, c'est un record !",
    "Je me permets de relayer : la mairie cherche des bénévoles pour le nettoyage des berges du canal "
    "le dimanche 6. Il faut s'inscrire sur le site, ils fournissent les gants et les sacs. C'est de 9h "
    "à midi, avec un café offert à la fin. Si on est plusieurs on peut y aller ensemble.",
    "Bon, je vous raconte : on est partis à 8h, la route était fermée après le col, on a dû faire un "
    "détour de quarante minutes, puis le pique-nique s'est envolé à cause du vent 😂 mais la vue en "
    "haut valait vraiment le coup. On refait ça au printemps ?",
    "Rappel important : à partir de la semaine prochaine, le local ferme à 22h et plus à minuit. Le "
    "gardien a eu des plaintes pour le bruit. Merci de ranger les chaises et de bien fermer la porte "
    "du fond en partant, la dernière fois elle est restée ouverte toute la nuit.",
    "Pour ceux qui demandaient la recette de la tarte : pâte brisée, 4 pommes, 2 œufs, 20 cl de crème, "
    "80 g de sucre, une pincée de cannelle. 35 minutes à 180 degrés. C'est tout bête et ça marche à "
    "chaque fois.",
    "Je voulais vous remercier tous pour votre soutien ces dernières semaines. Ça n'a pas été facile "
    "mais vos messages m'ont fait beaucoup de bien. Je reviens aux apéros dès que possible ❤️",
]

EMOJI = ["😂", "👍", "🙏", "😍", "🎉", "😅", "❤️", "🌞", "🍷", "🚴", "⚽", "🥐", "😊", "🤔", "👌", "🔥",
         "😢", "🍕", "✅", "🙌", "☀️", "🥳", "😘", "💪", "🤣", "😎", "👏", "🍻", "🌧️", "🎂",
         "👍🏽", "👨‍👩‍👧", "🇫🇷", "🏃‍♀️", "🤷‍♂️", "☕", "🧀", "🥖", "💐", "🐶"]

POLLS = [
    ("On part à quelle heure ?", ["7h", "8h", "9h", "10h"]),
    ("Quelle date pour la fête des voisins ?", ["Samedi 15", "Samedi 22", "Dimanche 23"]),
    ("Resto ou pique-nique ?", ["Resto", "Pique-nique", "Les deux 😄"]),
    ("Qui vient au vide-grenier ?", ["Oui", "Non", "Peut-être"]),
    ("Thème de la soirée", ["Années 80", "Pyjama", "Bretagne", "Pas de thème"]),
    ("Sortie vélo : quel parcours ?", ["Canal de l'Ourcq (40 km)", "Bois de Vincennes (25 km)"]),
]

PLACES = [
    ("Café de la Mairie", "8 place de la Mairie, 75011 Paris"),
    ("Parc des Buttes-Chaumont", "1 rue Botzaris, 75019 Paris"),
    ("Gare de Lyon", "Place Louis-Armand, 75012 Paris"),
    ("Gymnase Japy", "2 rue Japy, 75011 Paris"),
    ("La Bellevilloise", "19-21 rue Boyer, 75020 Paris"),
]

DOCS = ["Compte-rendu AG 2023.pdf", "Planning_juin.pdf", "Devis cuisine.pdf", "Statuts asso.docx",
        "Liste_inscrits.xlsx", "Menu fête des voisins.pdf", "Règlement intérieur.pdf", "Topo rando.pdf",
        "Attestation.pdf", "Cotisations 2024.xlsx", "Affiche brocante.pdf", "Notes réunion.txt"]

LIST_INTROS = ["Voici la liste pour {activite} :", "À ramener {jour} :", "Programme de {jour} :",
               "Récap des inscriptions :", "Ce qu'il reste à faire :", "Je résume :",
               "Pour {activite} il faut :", "Liste des courses :"]
LIST_ITEMS = ["des gobelets", "les tables pliantes", "une enceinte", "des rallonges", "la crème solaire",
              "les ballons", "des sacs poubelle", "des serviettes", "le barbecue", "les chaises",
              "de l'eau", "les jeux pour les enfants", "des guirlandes", "la caisse", "un tire-bouchon",
              "les gilets jaunes", "une trousse de secours", "des piles", "le thermos", "du scotch"]
LIST_CLOSINGS = ["Merci à tous !", "Dites-moi ce que vous prenez", "Je complète au fur et à mesure",
                 "Si j'ai oublié quelque chose dites-le", "On fait le point {jour}"]


class Gen:
    def __init__(self, platform, seed, cross_layout=True):
        import random
        self.rng = random.Random(seed)
        self.ios = platform == "ios"
        self.cross = cross_layout
        rng = self.rng
        # people
        self.people = {}   # display string -> dict(kind, weight, mention)
        for n in CONTACTS:
            self._person(n, "contact", n)
        self._person(EXPORTER, "exporter", EXPORTER)
        xx = rng.sample(range(100), 24)
        phones = ["+33 6 39 98 %02d %02d" % (xx[2 * i], xx[2 * i + 1]) for i in range(10)]
        self.phones = phones
        for p in phones:
            self._person(p, "phone", p)
        if self.ios:
            for n in PUSH_NAMES:
                self._person("~" + NNBSP + n, "push", n)
        self.pool = [p for p in self.people if p not in (EXPORTER, CREATOR)]
        rng.shuffle(self.pool)
        self.members = [CREATOR, EXPORTER]
        self.admins = {CREATOR}
        self.prev_sender = None
        self.media_day = {}      # Android per-day WA counter
        self.ios_media = 0       # iOS global attachment counter
        self.subject = GROUP_NAME
        self.pending = []        # messages queued for the following headers
        self._cum = None
        cats = list(CATEGORY_WEIGHTS.items())
        self.cat_names = [c for c, _ in cats]
        self.cat_cum = self._cumulate([w for _, w in cats])
        self.sys_names = list(SYSTEM_WEIGHTS)
        self.sys_cum = self._cumulate([SYSTEM_WEIGHTS[k] for k in self.sys_names])
        self.media_names = list(MEDIA_WEIGHTS)
        self.media_cum = self._cumulate([MEDIA_WEIGHTS[k] for k in self.media_names])
        # header layout checks for continuation lines (lenient versions of this layout)
        if self.ios:
            self.own_layout = re.compile(r"^[\u200e\ufeff]*\[\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4},? *\d{1,2}[:h]")
        else:
            self.own_layout = re.compile(r"^[\u200e\ufeff]*\d{1,2}/\d{1,2}/\d{2,4}, *\d{1,2}[:h ]")

    def _person(self, display, kind, mention):
        w = min(self.rng.paretovariate(1.1), 40.0)
        if kind == "phone":
            w *= 0.5
        self.people[display] = {"kind": kind, "w": w, "mention": mention}

    @staticmethod
    def _cumulate(ws):
        out, s = [], 0.0
        for w in ws:
            s += w
            out.append(s)
        return out

    def _pick(self, names, cum):
        return names[bisect.bisect_right(cum, self.rng.random() * cum[-1])]

    # ----------------------------------------------------------------- people
    def sender(self):
        rng = self.rng
        if self.prev_sender in self.members and rng.random() < SAME_SENDER_BURST:
            return self.prev_sender
        if self._cum is None:
            self._cum = self._cumulate([self.people[m]["w"] for m in self.members])
        s = self._pick(self.members, self._cum)
        self.prev_sender = s
        return s

    def _changed(self):
        self._cum = None

    def admin(self):
        adm = sorted(a for a in self.admins if a in self.members)
        if not adm:
            self.admins.add(CREATOR)
            if CREATOR not in self.members:
                self.members.append(CREATOR)
                self._changed()
            adm = [CREATOR]
        return self.rng.choice(adm)

    # ----------------------------------------------------------------- text
    def fill(self, tpl):
        rng = self.rng
        s = re.sub(r"\{(\w+)\}", lambda m: rng.choice(FILL[m.group(1)]), tpl)
        if " le " in s or " les " in s:   # French contractions: de le -> du, à le -> au ...
            s = s.replace(" de le ", " du ").replace(" à le ", " au ").replace(" de les ", " des ").replace(" à les ", " aux ")
            s = s.replace("Report de le ", "Report du ")
        return s

    def typo(self, s):
        rng = self.rng
        if self.ios and rng.random() < IOS_CURLY_APOS:
            s = s.replace("'", "’")
        if rng.random() < TEXT_NBSP_PUNCT:
            sp = NNBSP if (self.ios or rng.random() < 0.3) else NBSP
            s = re.sub(r" ([?!:;])", sp + r"\1", s)
        return s

    def emoji(self):
        rng = self.rng
        e = rng.choice(EMOJI)
        if rng.random() < 0.25:
            e *= rng.randint(2, 3)
        return e

    def one_line(self):
        rng = self.rng
        r = rng.random()
        if r < 0.30:
            s = rng.choice(SHORT)
        elif r < 0.30 + TEXT_LONG:
            s = rng.choice(LONG)
        else:
            s = self.fill(rng.choice(TEMPLATES))
            if rng.random() < 0.12:
                s = s + " " + self.fill(rng.choice(TEMPLATES))
        if rng.random() < TEXT_EMOJI:
            s = s + " " + self.emoji() if rng.random() < 0.8 else self.emoji() + " " + s
        return s

    def mention(self, exclude):
        cands = [m for m in self.members if m != exclude]
        return "@" + FSI + self.people[self.rng.choice(cands)]["mention"] + PDI

    def date_str(self, d, days=0, sep="/"):
        d2 = d + dt.timedelta(days=days)
        return "%02d%s%02d%s%04d" % (d2.day, sep, d2.month, sep, d2.year)

    def multi_line(self, t, sender):
        """Return a list of lines (>= 2).  Continuation lines never match this file's layout."""
        rng = self.rng
        k = rng.random()
        lines = []
        if k < 0.22:                                          # bullet list with blank lines
            lines.append(self.fill(rng.choice(LIST_INTROS)))
            if rng.random() < 0.5:
                lines.append("")
            bullet = rng.choice(["- ", "• ", "* ", "– "])
            for it in rng.sample(LIST_ITEMS, rng.randint(2, 7)):
                lines.append(bullet + it)
            if rng.random() < 0.6:
                lines.append("")
                lines.append(self.fill(rng.choice(LIST_CLOSINGS)))
        elif k < 0.36:                                        # numbered list (lines start with digits)
            lines.append(self.fill(rng.choice(["Ordre du jour {jour} :", "Les étapes :", "Pour {activite} :",
                                               "Classement du tournoi :"])))
            style = rng.choice(["%d. ", "%d) ", "%d - ", "%d/ "])
            for i, it in enumerate(rng.sample(LIST_ITEMS + FILL["activite"], rng.randint(2, 6)), 1):
                lines.append((style % i) + it)
        elif k < 0.52:                                        # schedule with date-first lines (not headers)
            lines.append(self.fill(rng.choice(["Programme de {activite} :", "Les dates à retenir :",
                                               "Calendrier :", "Planning des permanences :"])))
            if rng.random() < 0.4:
                lines.append("")
            for j in range(rng.randint(2, 5)):
                dd = rng.randint(1, 60)
                form = rng.randrange(8)
                if form == 0:
                    lines.append(self.date_str(t, dd) + " rendez-vous " + rng.choice(FILL["lieu"]))
                elif form == 1:
                    lines.append(self.date_str(t, dd) + " – " + rng.choice(FILL["heure"]) + " : " +
                                 rng.choice(FILL["activite"]))
                elif form == 2:
                    lines.append("- " + self.date_str(t, dd)[:5] + " : " + rng.choice(FILL["activite"]))
                elif form == 3:
                    lines.append(self.date_str(t, dd)[:5] + " : " + rng.choice(FILL["prenom"]))
                elif form == 4:
                    lines.append(self.date_str(t, dd) + ", à confirmer")
                elif form == 5:
                    lines.append(self.date_str(t, dd) + " : " + rng.choice(FILL["activite"]) + " à " +
                                 rng.choice(FILL["heure"]))
                elif form == 6:
                    lines.append("%04d : on remet ça ?" % (t.year + 1))
                else:
                    lines.append(self.date_str(t, dd, ".") + " " + rng.choice(FILL["activite"]))
        elif k < 0.70:                                        # paragraphs separated by blank lines
            for j in range(rng.randint(2, 4)):
                if j:
                    lines.append("")
                    if rng.random() < 0.15:
                        lines.append("")
                lines.append(self.one_line())
        elif k < 0.80:                                        # addresses, phone, times at line start
            lines.append(self.fill("Pour {activite} c'est ici :"))
            lines.append("%d rue des %s" % (rng.randint(1, 140), rng.choice(["Lilas", "Vignoles",
                                                                              "Pyrénées", "Orteaux"])))
            lines.append("750%02d Paris" % rng.randint(1, 20))
            if rng.random() < 0.5:
                lines.append("06 39 98 %02d %02d si vous êtes perdus" % (rng.randint(0, 99), rng.randint(0, 99)))
            if rng.random() < 0.5:
                lines.append("%02d:%02d - ouverture des portes" % (rng.randint(8, 20), rng.choice([0, 15, 30, 45])))
            if rng.random() < 0.3:
                lines.append("18:30 fin")
        elif k < 0.90:                                        # pasted / forwarded conversation
            other = rng.choice(FILL["prenom"])
            lines.append(rng.choice(["Je vous colle le message de %s :" % other,
                                     "Transféré de l'autre groupe :", "Récap de la discussion d'hier :"]))
            lines.append("[%s %02d:%02d] %s : %s" % (self.date_str(t, -1)[:5], rng.randint(8, 22),
                                                     rng.randint(0, 59), other, self.one_line()))
            if rng.random() < 0.5:
                lines.append("%s : %s" % (rng.choice(self.phones), rng.choice(SHORT)))
            if rng.random() < 0.4:
                lines.append("> " + self.one_line())
            if rng.random() < 0.3:
                lines.append("[note] " + self.one_line())
            if self.cross and rng.random() < CROSS_LAYOUT_IN_MULTILINE / 0.10:
                lines.append(self.foreign_header(t))
            lines.append(self.one_line())
        else:                                                 # quote then answer
            lines.append("« " + self.one_line() + " »")
            lines.append(self.one_line())
        return lines

    def foreign_header(self, t):
        """A header of another layout, pasted inside a message body."""
        rng = self.rng
        d = t - dt.timedelta(days=rng.randint(0, 3))
        who = rng.choice(FILL["prenom"])
        if self.ios:   # Android header pasted into an iOS export
            form = rng.randrange(3)
            if form == 0:
                return "%s, %02d:%02d - %s: %s" % (self.date_str(d), d.hour, d.minute, who, rng.choice(SHORT))
            if form == 1:
                return "%s à %02d:%02d - %s: %s" % (self.date_str(d), d.hour, d.minute, who, rng.choice(SHORT))
            return "%s %02d:%02d - %s: %s" % (self.date_str(d), d.hour, d.minute, who, rng.choice(SHORT))
        form = rng.randrange(2)  # Android comma layout: iOS header, or the no-comma Android layout
        if form == 0:
            return "[%s %02d:%02d:%02d] %s: %s" % (self.date_str(d), d.hour, d.minute, d.second, who,
                                                 rng.choice(SHORT))
        return "%s %02d:%02d - %s: %s" % (self.date_str(d), d.hour, d.minute, who, rng.choice(SHORT))

    def text_body(self, t, sender):
        """Return (lines, is_multiline)."""
        rng = self.rng
        if rng.random() < TEXT_MULTILINE:
            lines = [self.typo(x) for x in self.multi_line(t, sender)]
        else:
            lines = [self.typo(self.one_line())]
        if rng.random() < TEXT_MENTION and len(self.members) > 1:
            m = self.mention(sender)
            lines[0] = (m + " " + lines[0]) if rng.random() < 0.7 else (lines[0] + " " + m)
        if rng.random() < TEXT_EDITED:
            lines[-1] = lines[-1] + " " + (LRM if self.ios else "") + EDIT
        return lines

    # ----------------------------------------------------------------- media
    def media(self, t, sender):
        """Return (lines, line_leading_lrm)."""
        rng = self.rng
        kind = self._pick(self.media_names, self.media_cum)
        omitted = rng.random() < MEDIA_OMITTED
        if self.ios:
            if omitted:
                if kind == "document":
                    doc = rng.choice(DOCS)
                    if doc.endswith(".pdf") and rng.random() < 0.6:
                        return [doc + " • " + LRM + "%d pages " % rng.randint(2, 12) + LRM + "document manquant"], True
                    return [doc + " " + LRM + "document manquant"], True
                ph = {"image": "image absente", "video": "vidéo absente", "voice": "audio omis",
                      "audio": "audio omis", "sticker": "sticker omis", "gif": "GIF retiré",
                      "contact": "Fiche contact manquante"}[kind]
                return [LRM + ph], True
            self.ios_media += 1
            stamp = "%04d-%02d-%02d-%02d-%02d-%02d" % (t.year, t.month, t.day, t.hour, t.minute, t.second)
            n = "%08d" % self.ios_media
            if kind == "document":
                doc = rng.choice(DOCS)
                fn = n + "-" + doc
                if doc.endswith(".pdf") and rng.random() < 0.6:
                    return [doc + " • " + LRM + "%d pages " % rng.randint(1, 12) + LRM + "< pièce jointe : " + fn + " >"], True
                return [doc + " " + LRM + "< pièce jointe : " + fn + " >"], True
            if kind == "contact":
                fn = n + "-" + rng.choice(CONTACTS[:30]).split(" (")[0] + ".vcf"
            else:
                ext = {"image": "PHOTO-%s.jpg", "video": "VIDEO-%s.mp4", "voice": "AUDIO-%s.opus",
                       "audio": "AUDIO-%s.m4a", "sticker": "STICKER-%s.webp", "gif": "GIF-%s.mp4"}[kind]
                fn = n + "-" + ext % stamp
            return [LRM + "< pièce jointe : " + fn + " >"], True
        # Android
        if kind == "contact":       # contact cards appear even in exports without media (S4)
            return [rng.choice(CONTACTS[:30]).split(" (")[0] + ".vcf (fichier joint)"], False
        if omitted:
            if kind == "document":
                return ["<Médias omis>", rng.choice(DOCS)], False
            return ["<Médias omis>"], False
        day = "%04d%02d%02d" % (t.year, t.month, t.day)
        c = self.media_day.get(day, 0) + 1
        self.media_day[day] = c
        if kind == "document":
            doc = rng.choice(DOCS)
            if doc.endswith(".pdf") and rng.random() < 0.15:
                return [doc + " • " + LRM + "%d pages " % rng.randint(1, 12) + LRM + "(fichier joint)"], False
            return [doc + " (fichier joint)"], False
        if kind == "gif":
            kind = "video"   # Android GIFs: no distinct prefix in the reference; written as VID-
        pre = {"image": "IMG-%s-WA%04d.jpg", "video": "VID-%s-WA%04d.mp4", "voice": "PTT-%s-WA%04d.opus",
               "audio": "AUD-%s-WA%04d.mp3", "sticker": "STK-%s-WA%04d.webp"}[kind]
        lines = [(pre % (day, c)) + " (fichier joint)"]
        if kind in ("image", "video") and rng.random() < MEDIA_CAPTION:
            lines.append(self.typo(self.one_line()))
        return lines, False

    # ----------------------------------------------------------------- system
    def sys(self, actor, sentence):
        """System message: (author or None, lines, leading_lrm)."""
        if self.ios:
            return (actor, [LRM + sentence], False)
        return (None, [LRM + sentence], False)

    def quoted(self, s):
        return "\"%s\"" % s

    def system(self, t):
        rng = self.rng
        kind = self._pick(self.sys_names, self.sys_cum)
        ios = self.ios
        n = len(self.members)
        outsiders = [p for p in self.pool if p not in self.members]
        if kind in ("joined_via_link", "added", "join_request") and (n >= MEMBERS_MAX or not outsiders):
            kind = "left"
        if kind in ("left", "removed") and n <= MEMBERS_MIN:
            kind = rng.choice(["joined_via_link", "added"])
        if kind == "join_request" and ios:
            kind = "added"
        if kind == "settings" and not ios:
            kind = "icon"
        by_me = rng.random() < SYSTEM_BY_EXPORTER
        out = []
        if kind in ("joined_via_link", "added", "join_request"):
            who = outsiders[0] if rng.random() < 0.5 else rng.choice(outsiders)
            self.pool.remove(who)
            self.pool.append(who)
            if kind == "joined_via_link":
                s = who + (" a rejoint ce groupe grâce à son lien d'invitation" if ios
                           else " a rejoint ce groupe grâce à son lien d’invitation")
                out.append(self.sys(who, s))
            else:
                if kind == "join_request":
                    out.append(self.sys(who, who + " a demandé à rejoindre le groupe."))
                if by_me:
                    out.append(self.sys(EXPORTER, "Vous avez ajouté " + who))
                else:
                    a = self.admin()
                    out.append(self.sys(a, a + " a ajouté " + who))
            self.members.append(who)
            self._changed()
        elif kind in ("left", "removed"):
            cands = [m for m in self.members if m not in (EXPORTER, CREATOR)]
            who = rng.choice(cands)
            if kind == "left":
                out.append(self.sys(who, who + (" est parti·e" if ios else " est parti")))
            elif by_me:
                out.append(self.sys(EXPORTER, "Vous avez retiré " + who))
            else:
                a = self.admin()
                if a == who:
                    a = CREATOR
                out.append(self.sys(a, a + " a retiré " + who))
            self.members.remove(who)
            self.admins.discard(who)
            self._changed()
        elif kind == "subject":
            new = rng.choice([s for s in SUBJECTS if s != self.subject])
            old = self.subject
            self.subject = new
            if by_me:
                if ios:
                    out.append(self.sys(EXPORTER, "Vous avez changé le sujet en \"%s\"." % new))
                elif rng.random() < 0.5:
                    out.append(self.sys(EXPORTER, "Vous avez changé le sujet en \"%s\"" % new))
                else:
                    out.append(self.sys(EXPORTER, "Vous avez changé le sujet “%s” en “%s”" % (old, new)))
            else:
                a = self.sender()
                if ios:
                    out.append(self.sys(a, "%s a remplacé le sujet par \"%s\"." % (a, new)))
                elif rng.random() < 0.7:
                    out.append(self.sys(a, "%s a modifié le sujet en “%s”" % (a, new)))
                else:
                    out.append(self.sys(a, "%s a modifié le sujet “%s” en “%s”" % (a, old, new)))
        elif kind == "description":
            if by_me:
                out.append(self.sys(EXPORTER, "Vous avez changé la description du groupe"))
            else:
                a = self.sender()
                out.append(self.sys(a, a + " a changé la description du groupe"))
        elif kind == "icon":
            if by_me:
                out.append(self.sys(EXPORTER, "Vous avez changé l'icône de ce groupe"))
            else:
                a = self.sender()
                out.append(self.sys(a, a + " a changé l'icône de ce groupe"))
        elif kind == "security_code":
            who = rng.choice([m for m in self.members if m != EXPORTER])
            if ios:   # the sentence itself starts with two LRMs (reference 4.1: "2 + 1 LRMs")
                out.append((who, [LRM + LRM + "Votre code de sécurité avec %s a changé. " % who + LRM +
                                  "Appuyez pour en savoir plus."], False))
            else:
                out.append(self.sys(who, "Le code de sécurité de %s a changé. Appuyez pour plus d'informations." % who))
        elif kind == "settings":   # iOS only
            a = self.admin()
            s = rng.choice([
                "%s a changé les réglages de ce groupe de façon à ce que seulement les admins puissent modifier les informations du groupe.",
                "%s a modifié les réglages de ce groupe de façon à autoriser tous les membres à y ajouter d'autres personnes.",
                "%s a activé l’approbation de l’admin pour rejoindre ce groupe.",
                "%s a désactivé l’approbation de l’admin pour rejoindre ce groupe.",
            ]) % a
            out.append(self.sys(a, s))
        return out

    # ----------------------------------------------------------------- messages
    def opening(self, t0):
        """Encryption notice, creation, first members."""
        ios = self.ios
        msgs = []
        if ios:
            msgs.append((t0, GROUP_NAME, [LRM + "Les messages et les appels sont chiffrés de bout en bout. "
                                                "Aucun tiers, pas même WhatsApp, ne peut les lire ou les écouter."], False))
            msgs.append((t0, CREATOR, [LRM + "%s a créé le groupe “%s”" % (CREATOR, GROUP_NAME)], False))
            msgs.append((t0 + dt.timedelta(seconds=1), CREATOR, [LRM + "%s vous a ajouté·e" % CREATOR], False))
        else:
            # the notice carries a later time than the lines after it (reference section 1)
            msgs.append((t0 + dt.timedelta(minutes=2), None,
                         [LRM + "Les messages et les appels sont chiffrés de bout en bout. Aucun tiers, pas même "
                                "WhatsApp, ne peut les lire ou les écouter. Appuyez pour en savoir plus."], False))
            msgs.append((t0, None, [LRM + "%s a créé le groupe \"%s\"" % (CREATOR, GROUP_NAME)], False))
            msgs.append((t0, None, [LRM + "%s vous a ajouté" % CREATOR], False))
        t = t0 + dt.timedelta(seconds=20)
        first = [p for p in self.pool if self.people[p]["kind"] == "contact"][:MEMBERS_START - 2]
        first.append(self.phones[0])
        for who in first:
            self.pool.remove(who)
            self.pool.append(who)
            self.members.append(who)
            t += dt.timedelta(seconds=self.rng.randint(3, 40))
            a, lines, _ = self.sys(CREATOR, CREATOR + " a ajouté " + who)
            msgs.append((t, a, lines, False))
        self.admins.update(first[:2])
        self._changed()
        return msgs, t

    def next_messages(self, t):
        """One or more (author_or_None, lines, leading_lrm) for time t."""
        rng = self.rng
        cat = self._pick(self.cat_names, self.cat_cum)
        if cat == "view_once" and self.ios:
            cat = "text"
        if cat == "missed_call" and not self.ios:
            cat = "text"
        if cat == "system":
            return self.system(t)
        s = self.sender()
        if cat == "text":
            return [(s, self.text_body(t, s), False)]
        if cat == "media":
            lines, lead = self.media(t, s)
            return [(s, lines, lead)]
        if cat == "deleted":
            if s == EXPORTER:
                return [(s, [LRM + "Vous avez supprimé ce message." if self.ios else "Vous avez supprimé ce message"], False)]
            return [(s, [LRM + "Ce message a été supprimé." if self.ios else "Ce message a été supprimé"], False)]
        if cat == "view_once":
            return [(s, ["null"], False)]
        if cat == "missed_call":
            return [(s, [LRM + "Appel vocal de groupe manqué"], False)]
        if cat == "poll":
            q, opts = rng.choice(POLLS)
            lines = ["POLL:", q]
            for o in opts:
                v = rng.randint(0, 12)
                lines.append("OPTION: %s (%d %s)" % (o, v, "vote" if v == 1 else "votes"))
            return [(s, lines, False)]
        # location
        r = rng.random()
        lat = "%.7f" % rng.uniform(48.80, 48.90)
        lon = "%.7f" % rng.uniform(2.25, 2.42)
        if r < 0.80:
            if self.ios:
                return [(s, [LRM + "Localisation: https://maps.google.com/?q=%s,%s" % (lat, lon)], False)]
            return [(s, ["localisation : https://maps.google.com/?q=%s,%s" % (lat, lon)], False)]
        if r < 0.92:
            name, addr = rng.choice(PLACES)
            fsq = "https://foursquare.com/v/%024x" % rng.getrandbits(96)
            if self.ios:
                return [(s, ["%s (%s): %s" % (name, addr, fsq)], False)]
            return [(s, [name, addr, fsq], False)]
        return [(s, ["Localisation en direct" if self.ios else "Localisation en direct partagée"], False)]

    # ----------------------------------------------------------------- render
    def header(self, t, author, leading_lrm):
        if self.ios:
            h = "[%02d/%02d/%04d %02d:%02d:%02d] " % (t.day, t.month, t.year, t.hour, t.minute, t.second)
            if leading_lrm:
                h = LRM + h
            return h + author + ": "
        h = "%02d/%02d/%04d, %02d:%02d - " % (t.day, t.month, t.year, t.hour, t.minute)
        return h if author is None else h + author + ": "

    def render(self, t, author, lines, leading_lrm):
        for ln in lines[1:]:
            if self.own_layout.match(ln) or "\r" in ln or "\n" in ln:
                raise AssertionError("continuation line looks like a header: %r" % ln)
        if "\n" in lines[0] or "\r" in lines[0]:
            raise AssertionError("newline in first line: %r" % lines[0])
        body = "\n".join(lines)
        return self.header(t, author, leading_lrm) + body + ("\r\n" if self.ios else "\n")


def generate(platform, size, seed, out, cross_layout=True):
    g = Gen(platform, seed, cross_layout)
    rng = g.rng
    t0 = dt.datetime(*START)
    end = dt.datetime(*END)
    count = 0
    written = 0
    buf = []
    buf_bytes = 0
    with open(out, "wb") as f:
        opening, t = g.opening(t0)
        for (ts, a, lines, lead) in opening:
            b = g.render(ts, a, lines, lead).encode("utf-8")
            buf.append(b)
            written += len(b)
            count += 1
        avg = 100.0
        stop = False
        while not stop:
            # adaptive gap: spread the remaining bytes over the remaining time (daytime only)
            remaining_msgs = max(1.0, (size - written) / avg)
            remaining = max(60.0, (end - t).total_seconds())
            mean = remaining / remaining_msgs * (17.0 / 24.0)
            r = rng.random()
            if r < 0.62:
                gap = rng.expovariate(1.0 / max(1.0, mean * 0.12))
            else:
                gap = rng.expovariate(1.0 / max(1.0, mean * (1 - 0.62 * 0.12) / 0.38))
            t = t + dt.timedelta(seconds=int(gap))
            if t.hour < 7 and rng.random() < 0.93:
                t = t.replace(hour=7, minute=0, second=0) + dt.timedelta(seconds=int(rng.expovariate(1 / 3000.0)))
            for (a, lines, lead) in g.next_messages(t):
                b = g.render(t, a, lines, lead).encode("utf-8")
                if written + len(b) > size:
                    stop = True
                    break
                buf.append(b)
                buf_bytes += len(b)
                written += len(b)
                count += 1
                avg = avg * 0.999 + len(b) * 0.001
                if len(lines) == 1 and rng.random() < 0.1:
                    t = t + dt.timedelta(seconds=rng.randint(0, 50))
            if buf_bytes > 1 << 20:
                f.write(b"".join(buf))
                buf, buf_bytes = [], 0
        f.write(b"".join(buf))
    with open(out + ".count", "w") as f:
        f.write("%d\n" % count)
    return count, written, t


# ---------------------------------------------------------------------------
# Checker
# ---------------------------------------------------------------------------
def check(path, platform):
    ios = platform == "ios"
    L = "\u200e".encode()
    if ios:
        strict = re.compile(rb"^(?:\xe2\x80\x8e)?\[(\d{2})/(\d{2})/(\d{4}) (\d{2}):(\d{2}):(\d{2})\] ([^\r\n]*?): ")
        lenient = re.compile(rb"^(?:\xe2\x80\x8e|\xef\xbb\xbf)*\[\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4},? *\d{1,2}[:h]")
        foreign = re.compile(rb"^\d{1,2}/\d{1,2}/\d{2,4}(?:,| \xc3\xa0)? \d{1,2}:\d{2} - ")
    else:
        strict = re.compile(rb"^(\d{2})/(\d{2})/(\d{4}), (\d{2}):(\d{2}) - (?:\xe2\x80\x8e|([^\r\n]*?): )")
        lenient = re.compile(rb"^(?:\xe2\x80\x8e|\xef\xbb\xbf)*\d{1,2}/\d{1,2}/\d{2,4}, *\d{1,2}[:h ]")
        foreign = re.compile(rb"^(?:\[\d{1,2}/\d{1,2}/\d{2,4},? \d{1,2}:\d{2}|\d{1,2}/\d{1,2}/\d{2,4}(?: \xc3\xa0)? \d{1,2}:\d{2} - )")
    with open(path, "rb") as f:
        data = f.read()
    size = len(data)
    lines = data.split(b"\n")
    assert lines[-1] == b"", "no trailing newline"
    lines.pop()
    n_strict = n_len = n_foreign = n_cont = n_blank = 0
    prev = None
    backwards = []
    bad_cr = 0
    is_header = [False] * len(lines)
    for i, ln in enumerate(lines):
        m = strict.match(ln)
        if m:
            is_header[i] = True
            n_strict += 1
            g = m.groups()
            d = dt.datetime(int(g[2]), int(g[1]), int(g[0]), int(g[3]), int(g[4]), int(g[5]) if ios else 0)
            if prev is not None and d < prev:
                backwards.append(i + 1)
            prev = d
        else:
            n_cont += 1
            if ln in (b"", b"\r"):
                n_blank += 1
            if foreign.match(ln):
                n_foreign += 1
        if lenient.match(ln):
            n_len += 1
    for i, ln in enumerate(lines):
        ends_cr = ln.endswith(b"\r")
        last_of_record = (i + 1 == len(lines)) or is_header[i + 1]
        if ios and ends_cr != last_of_record:
            bad_cr += 1
        if not ios and ends_cr:
            bad_cr += 1
    try:
        with open(path + ".count") as f:
            expected = int(f.read())
    except OSError:
        expected = None
    print("%s: %d bytes, %d lines" % (path, size, len(lines)))
    print("  strict header lines      : %d" % n_strict)
    print("  lenient same-layout lines: %d" % n_len)
    print("  .count                   : %s" % expected)
    print("  continuation lines       : %d (blank: %d, other-layout headers: %d)" % (n_cont, n_blank, n_foreign))
    print("  line-ending anomalies    : %d" % bad_cr)
    print("  timestamps going back    : %d %s" % (len(backwards), backwards[:5]))
    ok = n_strict == n_len == expected and bad_cr == 0
    print("  OK" if ok else "  MISMATCH")
    return ok


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--platform", choices=["android", "ios"], required=True)
    ap.add_argument("--size", type=int, default=10_000_000, help="target size in bytes (never exceeded)")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--out")
    ap.add_argument("--no-cross-layout", action="store_true")
    ap.add_argument("--check", metavar="FILE")
    a = ap.parse_args()
    if a.check:
        sys.exit(0 if check(a.check, a.platform) else 1)
    if not a.out:
        ap.error("--out is required")
    count, written, last = generate(a.platform, a.size, a.seed, a.out, not a.no_cross_layout)
    print("%s: %d messages, %d bytes, last timestamp %s" % (a.out, count, written, last))


if __name__ == "__main__":
    main()
