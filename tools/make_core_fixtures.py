#!/usr/bin/env python3
"""Write the byte-exact core fixture exports (GitHub issue 2, point 10) and the
two independent acceptance exports (fixtures/independent/).

The `.txt` files hold characters an editor would silently normalise: U+200E
(LRM) after the Android ` - ` of system lines and before iOS `[`, U+202F before
AM/PM and after the `~` of non-contacts, U+2068/U+2069 around mentions, CRLF
record ends with bare LF inside iOS messages, a UTF-8 BOM.  They are therefore
produced by this script, which spells every such byte out.

Only the `.txt` files are written here.  The `.json` expectations beside them
are written by hand, by reading the exports (fixtures/README.md).

Re-runnable: `python3 tools/make_core_fixtures.py` from the repository root
(or from anywhere: paths are relative to this file) rewrites the same bytes.
"""

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ANDROID = ROOT / "fixtures" / "fr" / "android"
IOS = ROOT / "fixtures" / "fr" / "ios"
INDEPENDENT = ROOT / "fixtures" / "independent"

LRM = "\u200e"  # LEFT-TO-RIGHT MARK
NNBSP = "\u202f"  # NARROW NO-BREAK SPACE
NBSP = "\u00a0"  # NO-BREAK SPACE
FSI = "\u2068"  # FIRST STRONG ISOLATE (opens a mention)
PDI = "\u2069"  # POP DIRECTIONAL ISOLATE (closes a mention)
BOM = "\ufeff"
EN_DASH = "\u2013"
RSQUO = "\u2019"  # ’

# Sentences whose exact wording comes from fr-format-reference.md section 4.
A_ENCRYPTION_2024 = (
    "Les messages et les appels sont chiffrés de bout en bout. Aucun tiers, "
    "pas même WhatsApp, ne peut les lire ou les écouter. Appuyez pour en savoir plus."
)
A_ENCRYPTION_OLD_GROUP = (
    "Les messages envoyés dans ce groupe sont désormais protégés avec le "
    "chiffrement de bout en bout. Appuyez pour plus d'informations."
)
I_ENCRYPTION = (
    "Les messages et les appels sont chiffrés de bout en bout. Aucun tiers, "
    "pas même WhatsApp, ne peut les lire ou les écouter."
)
JOINED_VIA_LINK_2024 = f"a rejoint ce groupe grâce à son lien d{RSQUO}invitation"


def lf(text: str) -> bytes:
    """Every line ends with LF (text is written with `\\n`)."""
    return text.encode("utf-8")


def crlf(text: str) -> bytes:
    """Every line ends with CRLF."""
    return text.replace("\n", "\r\n").encode("utf-8")


def ios_records(records: list[str]) -> bytes:
    """iOS: CRLF ends each record; line breaks inside a message stay bare LF."""
    return "".join(record + "\r\n" for record in records).encode("utf-8")


def explicit(lines: list[tuple[str, str]]) -> bytes:
    """Each line with its own ending (`"\\r\\n"`, `"\\n"` or `""`)."""
    return "".join(line + end for line, end in lines).encode("utf-8")


FIXTURES: dict[Path, bytes] = {}

# ---------------------------------------------------------------------------
# Android, current layout `DD/MM/YYYY, HH:MM - `, group, LF.
# Line 1 (the notice) carries a later time than line 2, as in real exports.
FIXTURES[ANDROID / "core_android_2024.txt"] = lf(
    f"12/10/2024, 18:05 - {LRM}{A_ENCRYPTION_2024}\n"
    "12/10/2024, 18:03 - Inès Garnier: Bienvenue dans le groupe des randos du dimanche !\n"
    f"12/10/2024, 18:04 - {LRM}Inès Garnier a ajouté Léa 🌸\n"
    "12/10/2024, 18:10 - Léa 🌸: Merci Inès ! Programme : départ 8h, retour vers 17h ?\n"
    "12/10/2024, 18:12 - Inès Garnier: Oui. Voici le plan :\n"
    "\n"
    "1. Parking de la Croix-Perrin\n"
    "2. Montée au col : 2 h environ\n"
    "\n"
    "Prévoir de l'eau et un coupe-vent.\n"
    f"12/10/2024, 18:32 - {LRM}+33 6 39 98 00 01 {JOINED_VIA_LINK_2024}\n"
    "12/10/2024, 18:33 - +33 6 39 98 00 01: Bonjour à tous, c'est Karim (ami de Léa)\n"
    "12/10/2024, 18:33 - Léa 🌸: Salut Karim 👋\n"
    "12/10/2024, 19:01 - +33 6 39 98 00 02: null\n"
    f"12/10/2024, 19:23 - {LRM}+33 6 39 98 00 03 a demandé à rejoindre le groupe.\n"
    "13/10/2024, 07:20 - Inès Garnier: Rappel : on se retrouve à 8h pile.\n"
    "Covoiturage possible depuis Grenoble : écrivez-moi.\n"
    "13/10/2024, 07:22 - +33 6 39 98 00 01: Je prends 3 personnes, départ gare : 7h30\n"
    "13/10/2024, 07:22 - Léa 🌸: Parfait, je serai là\n"
    "13/10/2024, 17:48 - Léa 🌸: Quelle journée ! Résumé :\n"
    "- 14 km\n"
    "- 900 m de dénivelé\n"
    "\n"
    "Merci à tous 🙏\n"
    f"13/10/2024, 20:15 - {LRM}+33 6 39 98 00 02 est parti\n"
    "14/10/2024, 09:02 - Inès Garnier: Prochaine sortie : le 27/10, même heure.\n"
)

# ---------------------------------------------------------------------------
# Android, older layout `DD/MM/YYYY à HH:MM - ` (c. 2015-2019): no LRM on
# system lines, old wording of the group encryption notice.
FIXTURES[ANDROID / "core_android_a.txt"] = lf(
    f"26/09/2019 à 22:31 - {A_ENCRYPTION_OLD_GROUP}\n"
    "26/09/2019 à 22:31 - Thomas Bernard a ajouté Julie Martin\n"
    "26/09/2019 à 22:39 - Thomas Bernard: Salut :)\n"
    "26/09/2019 à 22:40 - Julie Martin: Salut ! C'est pour organiser l'anniversaire de Maman ?\n"
    "26/09/2019 à 22:41 - Thomas Bernard: Oui. Idées : restaurant ou pique-nique\n"
    "Budget : 30 € chacun max\n"
    "26/09/2019 à 22:45 - Thomas Bernard a ajouté +33 6 39 98 00 11\n"
    "26/09/2019 à 22:46 - +33 6 39 98 00 11: Coucou, c'est Nadia. Je vote restaurant !\n"
    "27/09/2019 à 08:02 - Julie Martin: Restaurant aussi.\n"
    "\n"
    "J'appelle Le Petit Zinc ce midi.\n"
    "27/09/2019 à 12:30 - Julie Martin: Réservé pour le 05/10 à 20h : 8 personnes.\n"
    "27/09/2019 à 12:31 - Thomas Bernard: Top, merci !!\n"
    "28/09/2019 à 09:15 - +33 6 39 98 00 11 est parti\n"
    "28/09/2019 à 09:16 - Thomas Bernard: Nadia est partie par erreur, je la rajoute\n"
    "28/09/2019 à 09:16 - Thomas Bernard a ajouté +33 6 39 98 00 11\n"
    "28/09/2019 à 09:20 - +33 6 39 98 00 11: Oups, merci 😅\n"
)

# ---------------------------------------------------------------------------
# Android, `DD/MM/YYYY HH:MM - ` (no comma, no "à"), LF.
FIXTURES[ANDROID / "core_android_nocomma.txt"] = lf(
    "12/03/2025 08:59 - Sophie Lambert: Bonjour, la réunion de copro est confirmée ?\n"
    "12/03/2025 09:04 - Marc Dubois: Oui : jeudi 20/03 à 18h30, salle du rez-de-chaussée.\n"
    "12/03/2025 09:05 - Sophie Lambert: Merci. Ordre du jour :\n"
    "- ravalement de façade\n"
    "- local à vélos\n"
    "12/03/2025 09:40 - +33 6 39 98 00 21: Je pourrai pas venir, je donne pouvoir à Marc\n"
    "12/03/2025 09:41 - Marc Dubois: Pas de souci, envoie-moi le formulaire signé.\n"
    "13/03/2025 19:12 - +33 6 39 98 00 21: null\n"
    "13/03/2025 19:13 - +33 6 39 98 00 21: Voilà le formulaire (photo unique, désolé)\n"
    "13/03/2025 19:30 - Marc Dubois: Reçu 👍\n"
    "20/03/2025 21:02 - Sophie Lambert: Compte rendu rapide :\n"
    "\n"
    "Ravalement voté : 14 pour, 2 contre.\n"
    "Local à vélos : reporté.\n"
    "20/03/2025 21:05 - Marc Dubois: Merci Sophie !\n"
)

# ---------------------------------------------------------------------------
# Android 2024 layout; body lines that look like headers but are not.
FIXTURES[ANDROID / "core_android_lookalikes.txt"] = lf(
    "13/10/2024, 18:30 - Paul Moreau: Je vous recopie la conversation de l'autre groupe :\n"
    "12/10/2024 18:32 - Claire: on décale à samedi ?\n"
    f"12/10/2024, 18:32 {EN_DASH} Claire: ok pour moi\n"
    "[12/10/2024 18:32:05] Paul: Et la salle ?\n"
    "13/10/2024, 18:35 - Claire Petit: Merci Paul. Karim avait aussi écrit :\n"
    "+33 6 39 98 00 01: je peux apporter les chaises\n"
    "13/10/2024, 18:36 - Paul Moreau: Mes dates à retenir :\n"
    "- 04/01 : galette des rois\n"
    "- 14/02 : dîner du club\n"
    "[note perso] réserver la salle avant vendredi\n"
    "13/10/2024, 18:40 - Claire Petit: Heure du ticket de caisse :\n"
    "12/10/2024 18:32\n"
    "et celle de la photo :\n"
    "12/10/2024, 18:32\n"
    "13/10/2024, 18:41 - Paul Moreau: 12/10/2024, 18:32 - Claire: ça, c'est moi qui recopie\n"
    "13/10/2024, 18:42 - Claire Petit: D'accord 😄\n"
)

# ---------------------------------------------------------------------------
# Android system lines whose sentence contains ": ".  The 2023 line predates
# the LRM; the 2025 one has it.
FIXTURES[ANDROID / "core_android_subject_colon.txt"] = lf(
    '03/11/2023, 19:02 - Hugo a modifié le sujet en "Apéro : vendredi"\n'
    "03/11/2023, 19:03 - Hugo: Vous êtes dispo ?\n"
    "03/11/2023, 19:10 - Inès: Oui : 19h chez moi ?\n"
    "03/11/2023, 19:11 - Hugo: Parfait, j'apporte les chips\n"
    f"15/01/2025, 08:30 - {LRM}Inès a modifié le sujet en “Rando : sorties 2025”\n"
    "15/01/2025, 08:31 - Inès: Nouveau nom : on passe aux randos !\n"
    "15/01/2025, 08:35 - Hugo: Sujet : validé 😄\n"
    "15/01/2025, 08:36 - Inès: Première date : dimanche 26/01\n"
    "Lieu : Chartreuse\n"
    "15/01/2025, 08:40 - Hugo: Ok : je préviens les autres\n"
)

# ---------------------------------------------------------------------------
# Android 2024, every line ending in CRLF.  The body of line 3 holds NBSPs.
FIXTURES[ANDROID / "core_android_crlf.txt"] = crlf(
    f"15/11/2024, 09:58 - {LRM}{A_ENCRYPTION_2024}\n"
    "15/11/2024, 10:00 - Camille Roux: Salut, tu as reçu le devis ?\n"
    f"15/11/2024, 10:02 - Nicolas Faure: Oui, je te résume : peinture 1{NBSP}200{NBSP}€\n"
    "- sol : 800 €\n"
    "\n"
    "- main d'œuvre incluse\n"
    "15/11/2024, 10:03 - Camille Roux: Ça reste raisonnable.\n"
    "15/11/2024, 10:05 - Nicolas Faure: On signe ?\n"
    "15/11/2024, 10:30 - Camille Roux: Oui, vas-y.\n"
    "Je passe déposer l'acompte demain.\n"
    "16/11/2024, 09:12 - Nicolas Faure: C'est signé ✍️\n"
)

# ---------------------------------------------------------------------------
# Android 2024, CRLF and LF mixed (even inside one message).
FIXTURES[ANDROID / "core_android_mixed.txt"] = explicit(
    [
        ("18/11/2024, 12:00 - Chloé Vidal: On mange où ?", "\r\n"),
        ("18/11/2024, 12:01 - Antoine Roche: Au thaï : il a rouvert.", "\n"),
        ("18/11/2024, 12:01 - Chloé Vidal: Bonne idée.", "\r\n"),
        ("Je réserve pour 4 :", "\n"),
        ("", "\r\n"),
        ("Chloé, Antoine, Sam et Lou", "\n"),
        ("18/11/2024, 12:02 - Antoine Roche: Top", "\n"),
        ("18/11/2024, 12:40 - +33 6 39 98 00 31: Je vous rejoins en retard", "\r\n"),
        ("18/11/2024, 12:41 - Chloé Vidal: Ok !", "\n"),
    ]
)

# ---------------------------------------------------------------------------
# Android 2024 preceded by a UTF-8 BOM: the first message must not be lost.
FIXTURES[ANDROID / "core_android_bom.txt"] = lf(
    BOM
    + "21/12/2024, 16:45 - Manon Leroy: Joyeux Noël en avance à tous ! 🎄\n"
    "21/12/2024, 16:47 - Yanis Chevalier: Merci, toi aussi !\n"
    "21/12/2024, 16:50 - Manon Leroy: Programme du réveillon :\n"
    "19h apéritif\n"
    "21h dîner\n"
    f"21/12/2024, 17:02 - {LRM}Manon Leroy a ajouté +33 6 39 98 00 41\n"
    "21/12/2024, 17:05 - +33 6 39 98 00 41: Merci pour l'ajout ! Je ramène la bûche : chocolat ?\n"
    "21/12/2024, 17:06 - Yanis Chevalier: Chocolat 👍\n"
)

# ---------------------------------------------------------------------------
# Android 2024, the last line has no line ending.
FIXTURES[ANDROID / "core_android_no_trailing_newline.txt"] = lf(
    "18/01/2025, 21:14 - Élodie Marchand: Tu as les clés du local ?\n"
    "18/01/2025, 21:20 - Bastien Noël: Oui, je les dépose demain matin.\n"
    "18/01/2025, 21:21 - Élodie Marchand: Merci ! Code de la boîte : 4821\n"
    "18/01/2025, 21:30 - Bastien Noël: Bien noté.\n"
    "Bonne soirée,\n"
    "\n"
    "Bastien"
)

# ---------------------------------------------------------------------------
# Android 2024 layout; every date has both fields <= 12 and BOTH readings
# stay in order, so the data cannot decide (day-first is applied).
FIXTURES[ANDROID / "core_android_ambiguous.txt"] = lf(
    "01/02/2024, 09:00 - Nathalie Brun: Bonjour à tous, le planning du club est en ligne.\n"
    "01/02/2024, 09:15 - Olivier Gauthier: Merci Nathalie !\n"
    "02/02/2024, 18:30 - Nathalie Brun: Rappel : entraînement ce soir.\n"
    "02/02/2024, 18:45 - +33 6 39 98 00 51: J'arrive un peu en retard\n"
    "03/03/2024, 10:00 - Olivier Gauthier: Qui vient au tournoi ?\n"
    "Inscriptions avant vendredi.\n"
    "04/03/2024, 08:20 - Nathalie Brun: Moi !\n"
    "05/05/2024, 20:00 - Olivier Gauthier: Photos du tournoi : bravo à tous 🏆\n"
    "06/05/2024, 07:30 - +33 6 39 98 00 51: Merci pour l'organisation\n"
)

# ---------------------------------------------------------------------------
# Android 2024 layout; every field <= 12, but only the day-first reading
# keeps the dates in order (month-first would jump from October to February).
FIXTURES[ANDROID / "core_android_monotonic.txt"] = lf(
    "05/03/2024, 19:00 - Aurélie Blanc: Le potager partagé reprend samedi !\n"
    "06/03/2024, 08:10 - Romain Mercier: Super, j'apporte les semis de tomates.\n"
    "01/04/2024, 17:45 - Aurélie Blanc: Premiers radis : récolte dimanche.\n"
    "08/04/2024, 12:00 - Romain Mercier: J'ai arrosé ce midi.\n"
    "10/04/2024, 09:30 - +33 6 39 98 00 61: Bonjour, je peux rejoindre le potager ?\n"
    "Je suis au 3e étage.\n"
    "02/05/2024, 18:20 - Aurélie Blanc: Bienvenue ! Réunion le 12 à 18h.\n"
    "03/05/2024, 07:55 - Romain Mercier: Je serai là.\n"
)

# ---------------------------------------------------------------------------
# Android 2024 with two lines of text before the first header.
FIXTURES[ANDROID / "core_android_preamble.txt"] = lf(
    'Export du groupe "Chorale du jeudi"\n'
    "copie envoyée à Inès\n"
    "15/02/2024, 20:15 - Gabrielle Fontaine: Répétition décalée à 20h30 ce jeudi.\n"
    "15/02/2024, 20:17 - Maxime Dupuis: Merci pour l'info !\n"
    "15/02/2024, 20:20 - Gabrielle Fontaine: Partitions à réviser :\n"
    "- Le Chant des partisans\n"
    "- Hallelujah\n"
    "16/02/2024, 22:40 - Maxime Dupuis: Belle répétition 🎶\n"
)

# ---------------------------------------------------------------------------
# iOS, `[DD/MM/YYYY HH:MM:SS] `, private chat: CRLF ends each record, bare LF
# inside multi-line messages.  The notice is attributed to the chat partner.
FIXTURES[IOS / "core_ios.txt"] = ios_records(
    [
        f"[14/08/2024 09:12:03] Camille Roux: {LRM}{I_ENCRYPTION}",
        "[14/08/2024 09:12:03] Camille Roux: Coucou ! Tu rentres quand de Lyon ?",
        "[14/08/2024 09:15:41] Julien: Samedi normalement. Train de 17h04 : arrivée 19h",
        "[14/08/2024 09:16:10] Camille Roux: Super.\n"
        "Je viens te chercher à la gare ?\n"
        "(si la voiture démarre 😅)",
        "[14/08/2024 09:20:55] Julien: Avec plaisir !",
        "[15/08/2024 14:20:56] Julien: Liste pour samedi :\n- pain\n\n- fromage : comté ou beaufort",
        "[15/08/2024 14:21:30] Camille Roux: Noté 👍",
        "[15/08/2024 14:21:30] Camille Roux: Et du vin ?",
        "[17/08/2024 18:58:02] Julien: Je suis dans le train, 10 min de retard.",
        "[17/08/2024 19:09:47] Camille Roux: Je suis garée devant la sortie : voiture grise.",
        "[17/08/2024 19:15:12] Julien: Vu !\nJ'arrive.",
    ]
)

# ---------------------------------------------------------------------------
# iOS `[DD/MM/YYYY, HH:MM:SS] ` (with comma), group, all CRLF.  A non-contact
# written `~<NNBSP>Maxime`, a mention, the notice under the group name.
FIXTURES[IOS / "core_ios_comma.txt"] = crlf(
    f"[22/09/2024, 20:00:12] Coloc Rue Sully: {LRM}{I_ENCRYPTION}\n"
    "[22/09/2024, 20:01:45] Emma Girard: Qui s'occupe des courses cette semaine ?\n"
    f"[22/09/2024, 20:03:02] ~{NNBSP}Maxime: Moi, je passe au marché samedi : une liste ?\n"
    "[22/09/2024, 20:04:40] Emma Girard: Lessive, café, huile d'olive.\n"
    f"[22/09/2024, 20:05:30] Emma Girard: @{FSI}Lucas Perrin{PDI} tu peux descendre les poubelles ?\n"
    "[22/09/2024, 20:06:11] Lucas Perrin: C'est fait.\n"
    f"[23/09/2024, 07:45:00] ~{NNBSP}Maxime: Il n'y a plus d'eau chaude 😬\n"
    "[23/09/2024, 07:52:19] Emma Girard: J'appelle le proprio : il passe à 18h.\n"
    "[23/09/2024, 18:30:44] Lucas Perrin: Réparé 🎉\n"
)

# ---------------------------------------------------------------------------
# iOS `[DD/MM/YYYY HH:MM:SS] ` where some lines start with an LRM before `[`.
FIXTURES[IOS / "core_ios_lrm.txt"] = ios_records(
    [
        f"{LRM}[09/01/2025 12:20:01] Salomé Renard: {LRM}{I_ENCRYPTION}",
        "[09/01/2025 12:23:17] Salomé Renard: Tu as vu le mail de l'agence ?",
        f"{LRM}[09/01/2025 12:24:02] Vincent: Oui : visite de l'appartement lundi 10h.",
        "[09/01/2025 12:25:40] Salomé Renard: Je peux venir.\nJe pose ma matinée.",
        f"{LRM}[09/01/2025 12:26:15] Vincent: Top.",
        "[13/01/2025 11:02:33] Salomé Renard: Alors, tes impressions ?",
        "[13/01/2025 11:10:09] Vincent: Lumineux, mais cuisine minuscule.\n\nOn en parle ce soir.",
        f"{LRM}[13/01/2025 19:45:50] Salomé Renard: Ok 🙂",
    ]
)

# ---------------------------------------------------------------------------
# iOS 2016 legacy `DD/MM/YYYY HH:MM:SS: Name: text` (no brackets).
FIXTURES[IOS / "core_ios_legacy.txt"] = ios_records(
    [
        "13/12/2016 17:58:12: Marion: Merci pour l'invitation dans le groupe !",
        "13/12/2016 18:01:40: Jean-Luc: Avec plaisir. Rendez-vous : samedi 19h.",
        "13/12/2016 18:02:05: Marion: Je m'occupe du gâteau.\nChocolat-poire, ça vous va ?",
        "13/12/2016 18:10:27: Sandrine: Parfait pour moi",
        "14/12/2016 09:30:00: Jean-Luc: Rappel : c'est une surprise, pas un mot à Marion !",
        "14/12/2016 09:31:12: Sandrine: Euh… tu es dans le groupe avec Marion 😂",
        "14/12/2016 09:33:48: Marion: Trop tard, j'ai tout lu.\n\nÀ samedi !",
    ]
)

# ---------------------------------------------------------------------------
# iOS fr-CH `[DD.MM.YY HH:MM:SS] `: 2-digit years, all CRLF.
FIXTURES[IOS / "core_ios_swiss.txt"] = crlf(
    "[28.11.19 18:05:11] Lukas Meier: Salut ! On fait la raclette chez qui ?\n"
    "[28.11.19 18:07:39] Anne Favre: Chez moi, j'ai l'appareil.\n"
    "[01.12.19 09:37:48] Lukas Meier: Je prends le fromage à la laiterie : 1 kg ?\n"
    "[01.12.19 09:40:02] Anne Favre: 1,5 kg, on sera huit.\n"
    "[01.12.19 09:41:30] Chloé Rochat: J'amène les cornichons et le vin blanc.\n"
    "[15.12.19 23:12:56] Lukas Meier: Merci pour la soirée 🧀\n"
    "[16.12.19 08:01:05] Anne Favre: Merci à vous !\n"
)

# ---------------------------------------------------------------------------
# iOS with French language and US region: `[M/D/YY HH:MM:SS] `, month first
# (27 and 28 sit in the second field).  All CRLF, as in the real sample.
FIXTURES[IOS / "core_ios_month_first.txt"] = crlf(
    f"[3/27/22 21:41:55] Dmitri Sokolov: {LRM}{I_ENCRYPTION}\n"
    "[3/27/22 21:41:55] Dmitri Sokolov: Salut, bien arrivé à Boston ?\n"
    "[3/27/22 21:50:03] Hélène: Oui ! Décalage horaire : dur.\n"
    "[3/28/22 08:05:10] Dmitri Sokolov: Courage. Tu restes combien de temps ?\n"
    "[3/28/22 08:30:47] Hélène: Trois semaines, retour le 4/18.\n"
    "[4/2/22 17:12:00] Dmitri Sokolov: Des photos ?\n"
    "[4/10/22 10:00:31] Hélène: Bientôt, promis 📷\n"
)

# ---------------------------------------------------------------------------
# iOS 12-hour clock `[M/D/YY H:MM:SS PM]`: U+202F before AM/PM, except on one
# line where a plain space was typed.  12:xx AM is just after midnight.
FIXTURES[IOS / "core_ios_12h.txt"] = crlf(
    f"[5/9/23 7:02:18{NNBSP}PM] Dmitri Sokolov: Tu as réservé le terrain ?\n"
    f"[5/9/23 7:10:45{NNBSP}PM] Hélène: Oui : dimanche 10h.\n"
    f"[5/14/23 9:41:55{NNBSP}PM] Dmitri Sokolov: Tu dors ?\n"
    f"[5/14/23 10:02:13{NNBSP}PM] Hélène: Presque. Qu'est-ce qu'il y a ?\n"
    f"[5/14/23 10:03:40{NNBSP}PM] Dmitri Sokolov: Le match : on a gagné 3-1 !\n"
    f"[5/15/23 12:05:40{NNBSP}AM] Hélène: Génial, bravo !\n"
    "[5/15/23 8:15:00 AM] Dmitri Sokolov: Tu viens à la fête samedi ?\n"
    f"[5/15/23 12:30:12{NNBSP}PM] Hélène: Oui, avec plaisir.\n"
    f"[5/15/23 1:45:09{NNBSP}PM] Dmitri Sokolov: Super 🎉\n"
)


# ---------------------------------------------------------------------------
# Independent acceptance exports (issue 2, "Done when": tried as a new user
# would).  An Android 2024 parents' group of about 150 lines...
ANDROID_GROUP_150 = [
    f"02/09/2024, 08:15 - {LRM}{A_ENCRYPTION_2024}",
    "02/09/2024, 08:12 - Sandrine Petit: Bonjour à tous et bonne rentrée ! J'ai créé ce groupe pour les parents de la classe de CM2 B.",
    f"02/09/2024, 08:13 - {LRM}Sandrine Petit a ajouté Karim Benali",
    f"02/09/2024, 08:13 - {LRM}Sandrine Petit a ajouté Léa 🌸",
    f"02/09/2024, 08:14 - {LRM}Sandrine Petit a ajouté +33 6 39 98 01 12",
    "02/09/2024, 08:20 - Karim Benali: Merci Sandrine ! Bonne rentrée à tous.",
    "02/09/2024, 08:22 - Léa 🌸: Merci ! Quelqu'un sait à quelle heure finit l'école aujourd'hui ?",
    "02/09/2024, 08:25 - Sandrine Petit: 16h30 comme d'habitude.",
    "Mercredi : 11h30.",
    "02/09/2024, 08:26 - +33 6 39 98 01 12: Bonjour, c'est Julie, maman de Noé. Merci pour le groupe",
    f"02/09/2024, 09:40 - {LRM}+33 6 39 98 01 13 {JOINED_VIA_LINK_2024}",
    "02/09/2024, 09:41 - +33 6 39 98 01 13: Bonjour ! Thomas, papa de Zoé 👋",
    "02/09/2024, 12:05 - Sandrine Petit: Voici la liste de fournitures envoyée par la maîtresse :",
    "",
    "- 1 cahier de textes",
    "- 4 stylos (bleu, rouge, vert, noir)",
    "- 1 règle de 30 cm",
    "- 1 compas",
    "",
    "Date limite : vendredi 06/09.",
    "02/09/2024, 12:07 - Karim Benali: Merci ! Le compas : avec ou sans crayon ?",
    '02/09/2024, 12:10 - Sandrine Petit: Peu importe, elle a dit "un compas simple".',
    "02/09/2024, 18:47 - Léa 🌸: Petit message de la maîtresse, je recopie :",
    '"Chers parents,',
    "la réunion de rentrée aura lieu le jeudi 12/09 à 18h en classe.",
    'Merci de confirmer votre présence."',
    "02/09/2024, 18:50 - +33 6 39 98 01 13: Présent 👍",
    "02/09/2024, 18:51 - Karim Benali: Présent aussi",
    "02/09/2024, 19:03 - +33 6 39 98 01 12: null",
    "02/09/2024, 19:04 - +33 6 39 98 01 12: Désolée, photo envoyée en vue unique par erreur. C'était le mot dans le cahier.",
    "03/09/2024, 07:58 - Léa 🌸: Quelqu'un peut récupérer Inès à 16h30 ? Je finis tard ce soir 😕",
    "03/09/2024, 08:02 - Karim Benali: Oui pas de souci, je prends Adam de toute façon.",
    "03/09/2024, 08:03 - Léa 🌸: Merci Karim 🙏",
    f"03/09/2024, 20:30 - {LRM}+33 6 39 98 01 14 a demandé à rejoindre le groupe.",
    f"03/09/2024, 20:45 - {LRM}Sandrine Petit a ajouté +33 6 39 98 01 14",
    "03/09/2024, 20:47 - +33 6 39 98 01 14: Bonsoir, Nadia, maman de Lina. Merci !",
    "04/09/2024, 11:30 - Sandrine Petit: Rappel : piscine tous les mardis à partir du 17/09.",
    "Prévoir :",
    "- maillot",
    "- bonnet",
    "- serviette",
    "04/09/2024, 11:32 - +33 6 39 98 01 13: Bonnet obligatoire ?",
    "04/09/2024, 11:33 - Sandrine Petit: Oui, obligatoire.",
    "05/09/2024, 21:15 - Karim Benali: Je vous transfère le message du club de foot :",
    "05/09/2024 21:00 - Club US Canal: inscriptions ouvertes jusqu'au 20/09",
    "Tarif : 120 € l'année",
    "05/09/2024, 21:16 - Léa 🌸: Merci ! Inès veut essayer 😄",
    "05/09/2024, 21:20 - +33 6 39 98 01 14: Lina aussi. C'est le mercredi ?",
    "05/09/2024, 21:22 - Karim Benali: Oui, mercredi 14h-15h30.",
    "06/09/2024, 07:45 - Sandrine Petit: N'oubliez pas les fournitures aujourd'hui !",
    "06/09/2024, 16:40 - +33 6 39 98 01 13: Zoé a oublié son gilet bleu en classe, si quelqu'un le voit 🙏",
    "06/09/2024, 16:52 - Léa 🌸: Je regarde lundi",
    "09/09/2024, 08:30 - Sandrine Petit: Bonjour ! Petite organisation pour la réunion de jeudi :",
    "[ordre du jour]",
    "1. présentation de l'année",
    "2. sortie au musée",
    "3. élection des délégués",
    "09/09/2024, 08:33 - Karim Benali: Je peux me présenter comme délégué si personne d'autre ne veut.",
    "09/09/2024, 08:40 - Sandrine Petit: Super, merci Karim !",
    "09/09/2024, 12:15 - +33 6 39 98 01 12: Le gilet de Zoé est au portemanteau de la classe 😉",
    "09/09/2024, 12:20 - +33 6 39 98 01 13: Merci Julie !!",
    f"10/09/2024, 17:02 - {LRM}+33 6 39 98 01 15 {JOINED_VIA_LINK_2024}",
    "10/09/2024, 17:05 - +33 6 39 98 01 15: Bonjour, je suis la mamie de Hugo, c'est moi qui viens le chercher.",
    "10/09/2024, 17:06 - Sandrine Petit: Bienvenue !",
    "12/09/2024, 20:45 - Sandrine Petit: Compte rendu de la réunion :",
    "",
    "Sortie au musée : mardi 08/10, départ 9h.",
    "Participation : 5 €.",
    "",
    "Délégués : Karim et Nadia.",
    "",
    "Merci à tous d'être venus 🙂",
    "12/09/2024, 20:50 - Karim Benali: Merci pour le compte rendu !",
    "12/09/2024, 20:51 - +33 6 39 98 01 14: Merci à tous pour la confiance 😊",
    "13/09/2024, 07:30 - Léa 🌸: Pour info la cantine a changé de prestataire :",
    f"- 12/09 {EN_DASH} menu végétarien",
    f"- 13/09 {EN_DASH} poisson",
    "Le menu complet est sur le site de la mairie.",
    "13/09/2024, 07:35 - +33 6 39 98 01 12: Merci Léa",
    f"13/09/2024, 09:10 - {LRM}Sandrine Petit a modifié le sujet en “CM2 B : parents 2024-2025”",
    "13/09/2024, 09:11 - Sandrine Petit: J'ai renommé le groupe, on pourra le garder toute l'année.",
    "16/09/2024, 18:20 - +33 6 39 98 01 15: Bonsoir, Hugo a de la fièvre, il ne viendra pas demain. Quelqu'un peut me dire les devoirs ?",
    "16/09/2024, 18:35 - Karim Benali: Devoirs pour jeudi :",
    "- exercices 4 et 5 p. 23",
    "- apprendre la poésie (2 strophes)",
    "16/09/2024, 18:36 - +33 6 39 98 01 15: Merci beaucoup",
    "17/09/2024, 08:05 - Sandrine Petit: Piscine ce matin, n'oubliez pas les bonnets !",
    "17/09/2024, 12:40 - +33 6 39 98 01 13: null",
    '17/09/2024, 12:41 - +33 6 39 98 01 13: Oups. Je disais : Zoé a ramené le bonnet d\'un autre enfant, prénom marqué "Adam".',
    "17/09/2024, 12:45 - Karim Benali: C'est celui d'Adam 😅 merci !",
    f"18/09/2024, 19:00 - {LRM}+33 6 39 98 01 15 est parti",
    "18/09/2024, 19:10 - Sandrine Petit: La mamie de Hugo a quitté le groupe, je transmets les infos à sa maman.",
    "19/09/2024, 07:50 - Léa 🌸: Bonjour, je recopie le mot de la maîtresse reçu hier :",
    "[18/09/2024 17:02:11] Mme Roussel: Les enfants doivent apporter une boîte à chaussures vide pour vendredi.",
    "19/09/2024, 07:52 - +33 6 39 98 01 14: Merci !",
    "Lina en a une en trop si besoin.",
    "19/09/2024, 21:14 - Karim Benali: Question : quelqu'un a le numéro de la cantine ?",
    "19/09/2024, 21:20 - Sandrine Petit: Le voici : +33 6 39 98 02 20 (standard de la mairie)",
    "+33 6 39 98 02 21: cantine directement, mais seulement le matin",
    "19/09/2024, 21:22 - Karim Benali: Parfait merci",
    "20/09/2024, 16:45 - Léa 🌸: Bon week-end à tous ! 🌞",
    "20/09/2024, 16:47 - +33 6 39 98 01 13: Bon week-end !",
    "23/09/2024, 08:10 - Sandrine Petit: Bonjour, la maîtresse demande des volontaires pour accompagner la sortie au musée du 08/10.",
    "Il faut 4 adultes.",
    "23/09/2024, 08:14 - Karim Benali: Je peux.",
    "23/09/2024, 08:20 - +33 6 39 98 01 12: Moi aussi, si je pose ma journée. Je confirme demain.",
    "23/09/2024, 08:31 - Léa 🌸: Je ne peux pas ce jour-là 😕",
    "23/09/2024, 09:02 - +33 6 39 98 01 14: Je viens !",
    "23/09/2024, 12:00 - Sandrine Petit: Merci ! Il en manque un.",
    "24/09/2024, 07:40 - +33 6 39 98 01 12: Confirmé pour moi 👍",
    "24/09/2024, 07:41 - Sandrine Petit: Parfait, c'est complet :",
    "- Karim",
    "- Julie",
    "- Nadia",
    "- moi",
    "24/09/2024, 18:30 - +33 6 39 98 01 13: Est-ce que quelqu'un a trouvé une gourde verte ? Zoé l'a perdue",
    "24/09/2024, 18:32 - Léa 🌸: Pas vue, désolée",
    "25/09/2024, 16:35 - Karim Benali: Gourde retrouvée dans la cour ! Je la donne à Zoé demain.",
    "25/09/2024, 16:40 - +33 6 39 98 01 13: Merci 🙏🙏",
    "26/09/2024, 20:00 - Sandrine Petit: Rappel pour demain :",
    "",
    "Vendredi 27/09 : photo de classe.",
    "Tenue correcte exigée 😄",
    "26/09/2024, 20:02 - +33 6 39 98 01 14: Noté !",
    "26/09/2024, 20:05 - Léa 🌸: Inès veut mettre son déguisement de licorne… 🦄",
    "26/09/2024, 20:06 - Karim Benali: 😂😂",
    "27/09/2024, 17:30 - Sandrine Petit: La photographe repasse le 04/10 pour les absents.",
    "- 04/10 : rattrapage photos",
    "- 08/10 : sortie musée",
    "27/09/2024, 17:33 - +33 6 39 98 01 12: Merci Sandrine, toujours au top 👏",
    "30/09/2024, 08:00 - Sandrine Petit: Bonne semaine à tous !",
    "Pour la sortie du 08/10, la maîtresse demande :",
    "",
    "- un pique-nique",
    "- une gourde",
    "- des chaussures confortables",
    "30/09/2024, 08:04 - Karim Benali: Bien noté. Départ toujours à 9h ?",
    "30/09/2024, 08:06 - Sandrine Petit: Oui : RDV 8h45 devant l'école.",
    "30/09/2024, 12:30 - Léa 🌸: Inès a perdu une dent ce midi 🦷 elle est très fière",
    "30/09/2024, 12:31 - +33 6 39 98 01 14: Bravo Inès !! 🎉",
    "01/10/2024, 19:40 - +33 6 39 98 01 13: Bonsoir, quelqu'un a le cahier de liaison de Zoé par erreur ? Elle a pris le mauvais.",
    "01/10/2024, 19:52 - +33 6 39 98 01 12: Je regarde dans le cartable de Noé…",
    "Oui, il l'a ! Je le rends demain matin.",
    "01/10/2024, 19:53 - +33 6 39 98 01 13: Merci !!! 😅",
    "02/10/2024, 11:45 - Karim Benali: Info de l'association des parents : vente de gâteaux le vendredi 11/10.",
    "Qui peut faire un gâteau ?",
    "02/10/2024, 11:50 - Léa 🌸: Moi : un fondant au chocolat",
    "02/10/2024, 11:52 - +33 6 39 98 01 14: Moi : des crêpes",
    "02/10/2024, 11:58 - Sandrine Petit: Moi : un cake citron 🍋",
]
FIXTURES[INDEPENDENT / "android_group_150.txt"] = lf("".join(line + "\n" for line in ANDROID_GROUP_150))

# ...and an iOS private chat of about 80 lines: CRLF ends each record, bare
# LF inside multi-line messages.
FIXTURES[INDEPENDENT / "ios_private_crlf.txt"] = ios_records(
    [
        f"[16/06/2024 10:02:11] Margaux Lemoine: {LRM}{I_ENCRYPTION}",
        "[16/06/2024 10:02:11] Margaux Lemoine: Coucou ! Alors, la Bretagne cet été, toujours partant ?",
        "[16/06/2024 10:15:47] Antoine: Carrément ! J'ai regardé les dates : du 20/07 au 27/07 ça irait ?",
        "[16/06/2024 10:16:30] Margaux Lemoine: Parfait pour moi.",
        "[16/06/2024 10:16:30] Margaux Lemoine: Je regarde les locations ce soir.",
        "[16/06/2024 21:42:05] Margaux Lemoine: J'ai trouvé trois options :\n"
        "\n"
        "1. Maison à Crozon : 850 € la semaine\n"
        "2. Appartement à Quimper : 620 €\n"
        "3. Gîte près de Douarnenez : 700 €\n"
        "\n"
        "Tu préfères quoi ?",
        "[16/06/2024 21:50:33] Antoine: Crozon sans hésiter 🌊",
        "[16/06/2024 21:51:02] Antoine: C'est près de la plage ?",
        "[16/06/2024 21:53:40] Margaux Lemoine: 5 min à pied d'après l'annonce.",
        "[16/06/2024 21:54:12] Antoine: Vendu !",
        "[17/06/2024 08:30:19] Margaux Lemoine: Réservé ✅\nAcompte payé : 255 €, le reste à l'arrivée.",
        "[17/06/2024 08:45:00] Antoine: Je te rembourse la moitié ce soir.",
        "[17/06/2024 19:12:54] Antoine: Virement fait : 127,50 €",
        "[17/06/2024 19:20:08] Margaux Lemoine: Reçu, merci 😘",
        "[20/06/2024 12:03:31] Margaux Lemoine: Ma mère m'a écrit ça sur l'autre appli, je te le colle :\n"
        "20/06/2024, 11:58 - Maman: Vous passerez par Rennes ? On peut déjeuner ensemble.",
        "[20/06/2024 12:05:16] Antoine: Avec plaisir, on s'arrête à l'aller.",
        "[20/06/2024 12:05:59] Margaux Lemoine: Je lui dis 👍",
        "[24/06/2024 18:40:00] Antoine: Question voiture : on prend la tienne ou la mienne ?",
        "[24/06/2024 18:44:27] Margaux Lemoine: La mienne, elle a un coffre plus grand.\n"
        "Par contre il faut faire la vidange avant.",
        "[24/06/2024 18:45:10] Antoine: Ok, je t'accompagne au garage si tu veux.",
        "[28/06/2024 09:10:42] Margaux Lemoine: Garage fait : vidange + pneus.\n\nFacture : 180 €, on partage ?",
        "[28/06/2024 09:12:03] Antoine: Bien sûr.",
        "[01/07/2024 20:22:18] Antoine: J'ai commencé la liste de choses à prendre :\n"
        "[Liste vacances]\n"
        "- crème solaire\n"
        "- serviettes de plage\n"
        "- jeux de société\n"
        "- enceinte\n"
        "\n"
        "Tu complètes ?",
        "[01/07/2024 20:30:51] Margaux Lemoine: - parapluie (c'est la Bretagne 😂)\n"
        "- chargeurs\n"
        "- trousse de secours",
        "[01/07/2024 20:31:20] Antoine: 😂 bien vu",
        "[05/07/2024 13:15:09] Margaux Lemoine: Tu as des nouvelles de Léo ? Il devait nous rejoindre le mercredi.",
        "[05/07/2024 13:20:44] Antoine: Oui, il arrive le 24/07 en train à Quimper, 16h12.",
        "[05/07/2024 13:21:30] Margaux Lemoine: On ira le chercher.",
        "[12/07/2024 22:05:37] Antoine: Plus qu'une semaine !!",
        "[12/07/2024 22:06:01] Margaux Lemoine: J'ai hâte 🥳",
        "[19/07/2024 21:30:00] Margaux Lemoine: Départ demain 7h chez toi ?",
        "[19/07/2024 21:31:14] Antoine: 7h : ok.\nJe prépare du café pour la route ☕",
        "[19/07/2024 21:31:14] Margaux Lemoine: Top",
        "[20/07/2024 06:58:40] Margaux Lemoine: En bas !",
        "[20/07/2024 06:59:02] Antoine: J'arrive",
        "[20/07/2024 13:45:33] Antoine: Déjeuner avec ta mère : validé, c'était super.",
        "[20/07/2024 18:20:11] Margaux Lemoine: Arrivés ! La maison est encore mieux que sur les photos.\n"
        "\n"
        "Vue sur la mer depuis la cuisine 😍",
        "[21/07/2024 10:02:45] Antoine: Je suis parti chercher des croissants.",
        "[21/07/2024 10:03:10] Margaux Lemoine: Pain au chocolat pour moi stp",
        "[27/07/2024 19:48:22] Antoine: Bien rentré chez moi. Merci pour cette semaine !",
        "[27/07/2024 19:55:09] Margaux Lemoine: Merci à toi ❤️\nOn remet ça l'année prochaine ?",
        "[27/07/2024 19:56:00] Antoine: Avec plaisir !",
        "[02/08/2024 09:14:27] Margaux Lemoine: J'ai trié les photos des vacances.\n"
        "Je t'envoie le lien de l'album ce soir.",
        "[02/08/2024 09:20:02] Antoine: Super, merci !",
        "[02/08/2024 21:05:48] Margaux Lemoine: Voilà : https://photos.example.com/album/bretagne-2024",
        "[02/08/2024 21:10:31] Antoine: Magnifiques 😍\nCelle du phare au coucher du soleil, je l'imprime.",
        "[10/08/2024 17:42:10] Antoine: Au fait, Léo demande si on fait une soirée crêpes pour se remémorer la Bretagne 😄",
        "[10/08/2024 17:45:56] Margaux Lemoine: Bonne idée !\nSamedi 24/08 chez moi ?\n\nJ'achète le blé noir.",
        "[10/08/2024 17:46:30] Antoine: Validé. J'apporte le cidre 🍺",
        "[10/08/2024 17:46:30] Margaux Lemoine: Parfait",
    ]
)


def main() -> None:
    for path, data in FIXTURES.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        print(f"{path.relative_to(ROOT)}: {len(data)} bytes")


if __name__ == "__main__":
    main()
