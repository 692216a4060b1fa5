#!/usr/bin/env python3
"""Write the acceptance exports under fixtures/acceptance/.

These exports were written from the documentation only (fixtures/README.md, the
README catalogue, the format reference), as a new user would try the crate, without
reading the implementation or its other fixtures.

The `.txt` files hold bytes an editor would normalise (U+200E, U+202F, U+00A0,
U+2068/U+2069, CRLF record ends with bare LF inside iOS messages), so every such
character is spelled out here.  The `.json` expectations of the two UTF-8 exports
are written by hand; the two mis-decoded copies of the Android export expect the
same messages, so their `.json` is the Android one with `encoding_repair` changed.

Re-runnable from anywhere: `python3 tools/make_acceptance.py`.
"""

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "fixtures" / "acceptance"

LRM = "\u200e"  # LEFT-TO-RIGHT MARK
NNBSP = "\u202f"  # NARROW NO-BREAK SPACE (non-contact prefix `~`)
NBSP = "\u00a0"  # NO-BREAK SPACE (iOS disappearing-message durations)
FSI = "\u2068"  # opens a mention
PDI = "\u2069"  # closes a mention
EN_DASH = "\u2013"
RSQUO = "\u2019"  # ’


def android_group() -> str:
    """A French Android 2024 group chat: LF line ends, system lines with an LRM
    right after ` - `, no author on system lines."""

    def sys(ts: str, sentence: str) -> str:
        return f"{ts} - {LRM}{sentence}"

    lines = [
        sys("13/10/2024, 09:00", "Les messages et les appels sont chiffrés de bout en bout. "
            "Aucun tiers, pas même WhatsApp, ne peut les lire ou les écouter. "
            "Appuyez pour en savoir plus."),
        sys("13/10/2024, 09:00", "Vous avez créé le groupe “Rando du dimanche”"),
        sys("13/10/2024, 09:01", "Vous avez ajouté Léa, Hugo et Inès"),
        sys("13/10/2024, 09:01", "Vous avez ajouté +33 6 39 98 12 34"),
        sys("13/10/2024, 09:02", "Hugo a ajouté Marc, Zoé et Karim"),
        "13/10/2024, 09:03 - Rochane: Bienvenue à tous ! Premier rendez-vous dimanche 🌸",
        "13/10/2024, 09:04 - Léa: Vous avez ajouté quoi dans la sauce ?",
        "13/10/2024, 09:04 - Léa: (la sauce du pique-nique, je précise)",
        sys("13/10/2024, 09:05", "Inès a changé la description du groupe"),
        sys("13/10/2024, 09:06", "Hugo a modifié le sujet en “Rando : sorties 2025”"),
        "13/10/2024, 09:07 - Hugo: Marc a quitté le groupe de foot hier",
        "13/10/2024, 09:07 - Marc: Oui, trop de matchs le samedi",
        sys("13/10/2024, 09:08", "Léa a changé l'icône de ce groupe"),
        "13/10/2024, 09:10 - Léa: IMG-20241013-WA0001.jpg (fichier joint)",
        "La photo de l'an dernier au sommet",
        "13/10/2024, 09:11 - Inès: PTT-20241013-WA0002.opus (fichier joint)",
        "13/10/2024, 09:12 - Inès: null ou pas null ?",
        "13/10/2024, 09:12 - +33 6 39 98 12 34: null",
        "13/10/2024, 09:13 - Marc: <Médias omis>",
        "13/10/2024, 09:14 - Hugo: <Médias omis>",
        "Topo_rando.pdf",
        "13/10/2024, 09:15 - Léa: Julien Morel.vcf (fichier joint)",
        f"13/10/2024, 09:16 - Hugo: Rapport.pdf • {LRM}3 pages {LRM}(fichier joint)",
        "13/10/2024, 09:17 - Zoé: STK-20241013-WA0003.webp (fichier joint)",
        "13/10/2024, 09:18 - Karim: VID-20241013-WA0004.mp4 (fichier joint)",
        "13/10/2024, 09:18 - Karim: AUD-20241013-WA0005.mp3 (fichier joint)",
        sys("13/10/2024, 09:20", f"Paul a rejoint ce groupe grâce à son lien d{RSQUO}invitation"),
        "13/10/2024, 09:21 - Paul: <Médias omis> c'est quoi ce message ?",
        "13/10/2024, 09:22 - Marc: Ce message a été supprimé",
        "13/10/2024, 09:22 - Rochane: Vous avez supprimé ce message",
        "13/10/2024, 09:23 - Léa: On part à 8h finalement <Ce message a été modifié>",
        "13/10/2024, 09:24 - Hugo: Rendez-vous au parking",
        "du col <Ce message a été modifié>",
        "13/10/2024, 09:25 - Léa: <Ce message a été modifié> c'est quoi cette mention ?",
        f"13/10/2024, 09:26 - Rochane: @{FSI}Léa{PDI} tu prends la voiture ? "
        f"@{FSI}+33 6 39 98 12 34{PDI} aussi",
        "13/10/2024, 09:27 - Paul: localisation : https://maps.google.com/?q=48.8566,2.3522",
        "13/10/2024, 09:28 - Zoé: localisation : chez Hugo, comme d'habitude",
        "13/10/2024, 09:29 - Zoé: Refuge du Lac",
        "Chemin du Lac, 74400 Chamonix",
        "https://foursquare.com/v/4b0d5e6ff964a520f84623e3",
        "13/10/2024, 09:30 - Inès: Localisation en direct partagée",
        "13/10/2024, 09:31 - Hugo: POLL:",
        "On part à quelle heure ?",
        "OPTION: 7h (2 votes)",
        "OPTION: 8h (3 votes)",
        "OPTION: 9h (1 vote)",
        "13/10/2024, 09:32 - Rochane: Programme de dimanche :",
        "",
        "13/10/2024 08:00 - Léa: départ du parking",
        f"13/10/2024 {EN_DASH} 09:00 pause café",
        "- 14/10 : retour",
        "[13/10/2024 18:00:00] Léa: rentrés",
        f"{LRM}Karim a quitté le groupe",
        "",
        "Bonne soirée",
        "13/10/2024, 09:33 - Zoé: Paul est parti",
        sys("13/10/2024, 09:34", "Nadia a demandé à rejoindre le groupe."),
        sys("13/10/2024, 09:35", "Hugo a activé l’approbation de l’admin pour rejoindre ce groupe."),
        sys("13/10/2024, 09:36", "Hugo a réinitialisé le lien d'invitation à ce groupe."),
        sys("13/10/2024, 09:40", "Vous avez retiré Karim"),
        sys("13/10/2024, 09:41", "Hugo a retiré Zoé"),
        sys("13/10/2024, 09:42", "Marc est parti"),
        sys("13/10/2024, 09:43", "Inès a quitté le groupe"),
        "13/10/2024, 09:44 - Léa: Inès a quitté le groupe ? Pourquoi ?",
        "13/10/2024, 09:44 - Hugo: Aucune idée",
        sys("14/10/2024, 18:00", "Inès a activé les messages éphémères. Tous les nouveaux messages "
            "disparaîtront de cette discussion 24 heures après avoir été envoyés."),
        "14/10/2024, 18:01 - Léa: Pourquoi les messages éphémères ?",
        sys("14/10/2024, 18:05", "Inès a désactivé les messages éphémères."),
        sys("14/10/2024, 18:06", "Léa a modifié le sujet “Rando : sorties 2025” en “Rando du dimanche 🌸”"),
        sys("14/10/2024, 18:07", f"Vous avez changé l{RSQUO}icône de ce groupe"),
        sys("14/10/2024, 18:08", "Vous êtes désormais admin"),
        sys("14/10/2024, 18:09", "Hugo a épinglé un message"),
        sys("14/10/2024, 18:10", "Appel vocal manqué"),
        sys("14/10/2024, 18:11", "Appel vidéo manqué"),
        sys("14/10/2024, 18:12", "Les nouveaux membres verront l'historique récent."),
        "14/10/2024, 18:13 - Paul: Qui a appelé ?",
        "Je n'ai rien entendu",
        "",
        "",
        "Désolé",
        "14/10/2024, 18:14 - Hugo: Liste pour dimanche :",
        "- eau",
        "- 14/10/2024, 18:15 - rien",
        "Hugo a retiré Zoé",
        f"Vous avez changé l{RSQUO}icône de ce groupe",
        "<Médias omis>",
        "null",
        "14/10/2024, 18:16 - Léa: IMG-20241014-WA0006.jpg (fichier joint)",
        "14/10/2024, 18:16 - Léa: IMG-20241014-WA0007.jpg (fichier joint)",
        "Le lac",
        "et le refuge",
        "14/10/2024, 18:17 - Rochane: Merci Léa ! Rendez-vous dimanche 8h",
        "14/10/2024, 18:17 - Rochane: Merci Léa ! Rendez-vous dimanche 8h",
        "15/10/2024, 07:58 - Zoé: Je peux revenir dans le groupe ?",
        sys("15/10/2024, 08:00", "Hugo a ajouté Zoé"),
        "15/10/2024, 08:01 - Zoé: Merci Hugo :)",
        "15/10/2024, 08:02 - Karim: Hugo: tu peux me rajouter aussi ?",
        "15/10/2024, 08:03 - Hugo: OK",
        "Karim: voilà",
        sys("15/10/2024, 08:04", "Hugo a ajouté Karim"),
        "15/10/2024, 08:05 - Karim: Top, merci !",
        "15/10/2024, 08:06 - Marc: Ce message a été supprimé, non ? Je ne le vois plus",
        "15/10/2024, 08:07 - Inès: null",
        "15/10/2024, 08:08 - Paul: Vous avez supprimé ce message ? lequel ?",
        "15/10/2024, 08:09 - Hugo: POLL: c'est quoi ce mot ?",
        "15/10/2024, 08:10 - Léa: Au fait la sortie 12:30 - 13:30 c'est le pique-nique",
        "15/10/2024, 08:11 - Rochane: Oui ! Et au retour : goûter",
        "15/10/2024, 08:12 - Léa: OK : j'apporte le gâteau",
        "",
    ]
    return "\n".join(lines)


def ios_private() -> str:
    """A French iOS private chat: each record ends with CRLF, line breaks inside a
    message are bare LF; system bodies start with an LRM and are attributed (to the
    partner, or to the exporter for `Vous ...`); attachment and placeholder lines
    start with an LRM before `[`."""
    records = [
        f"[13/10/2024 09:00:00] Camille: {LRM}Les messages et les appels sont chiffrés de bout en bout. "
        "Aucun tiers, pas même WhatsApp, ne peut les lire ou les écouter.",
        f"[13/10/2024 09:00:05] Camille: {LRM}{LRM}Votre code de sécurité avec Camille a changé. "
        f"{LRM}Appuyez pour en savoir plus.",
        "[13/10/2024 18:30:02] Camille: Coucou ! Tu es rentrée ?",
        "[13/10/2024 18:31:40] Rochane: Oui, à l'instant\nLa rando était top\n\nJe t'envoie les photos",
        f"{LRM}[13/10/2024 18:32:11] Rochane: {LRM}< pièce jointe : 00000012-PHOTO-2024-10-13-18-32-11.jpg >",
        f"{LRM}[13/10/2024 18:32:11] Rochane: {LRM}< pièce jointe : 00000013-PHOTO-2024-10-13-18-32-11.jpg >",
        f"{LRM}[13/10/2024 18:40:02] Camille: {LRM}< pièce jointe : 00000014-AUDIO-2024-10-13-18-40-02.opus >",
        f"{LRM}[13/10/2024 18:41:00] Rochane: {LRM}< pièce jointe : 00000015-STICKER-2024-10-13-18-41-00.webp >",
        f"{LRM}[13/10/2024 18:42:30] Camille: {LRM}< pièce jointe : 00000016-GIF-2024-10-13-18-42-30.mp4 >",
        f"{LRM}[13/10/2024 18:43:00] Camille: {LRM}< pièce jointe : 00000017-VIDEO-2024-10-13-18-43-00.mp4 >",
        f"{LRM}[13/10/2024 18:44:00] Rochane: {LRM}< pièce jointe : 00000018-Julien Morel.vcf >",
        f"{LRM}[13/10/2024 18:45:10] Camille: Devis.pdf • {LRM}2 pages {LRM}< pièce jointe : 00000047-Devis.pdf >",
        f"{LRM}[13/10/2024 18:46:00] Camille: Notes.txt {LRM}< pièce jointe : 00000048-Notes.txt >",
        "[13/10/2024 18:47:00] Rochane: Merci ! Le devis me va",
        f"[13/10/2024 18:48:00] Camille: Je serai là vers 19h {LRM}<Ce message a été modifié>",
        f"[13/10/2024 18:49:00] Camille: Finalement\nplutôt 19h30 {LRM}<Ce message a été modifié>",
        f"{LRM}[14/10/2024 08:00:00] Camille: {LRM}image absente",
        f"{LRM}[14/10/2024 08:00:01] Camille: {LRM}vidéo absente",
        f"{LRM}[14/10/2024 08:00:02] Camille: {LRM}audio omis",
        f"{LRM}[14/10/2024 08:00:03] Camille: {LRM}sticker omis",
        f"{LRM}[14/10/2024 08:00:04] Camille: {LRM}GIF retiré",
        f"{LRM}[14/10/2024 08:00:05] Camille: {LRM}Fiche contact manquante",
        f"{LRM}[14/10/2024 08:00:06] Camille: Budget.docx {LRM}document manquant",
        f"{LRM}[14/10/2024 08:00:07] Camille: Compte-rendu.pdf • {LRM}4 pages {LRM}document manquant",
        "[14/10/2024 08:05:00] Rochane: image absente, tu peux la renvoyer ?",
        "[14/10/2024 08:05:30] Rochane: Et le sticker omis aussi",
        f"[14/10/2024 08:06:00] Camille: {LRM}Ce message a été supprimé.",
        f"[14/10/2024 08:06:10] Rochane: {LRM}Vous avez supprimé ce message.",
        "[14/10/2024 08:06:20] Camille: Ce message a été supprimé. Enfin je crois",
        "[14/10/2024 08:06:30] Rochane: Vous avez supprimé ce message. C'est ce que tu as lu ?",
        f"[14/10/2024 08:10:00] Camille: {LRM}Localisation: https://maps.google.com/?q=45.7640,4.8357",
        "[14/10/2024 08:10:30] Rochane: Localisation: chez toi ?",
        f"[14/10/2024 08:11:00] Camille: {LRM}Appel vocal manqué",
        f"[14/10/2024 08:11:30] Camille: {LRM}Appel vidéo manqué",
        "[14/10/2024 08:12:00] Rochane: Appel vocal manqué ? Je n'ai rien vu",
        f"[14/10/2024 08:13:00] ~{NNBSP}Maxime: Salut, c'est Maxime, le frère de Camille",
        f"[14/10/2024 08:13:20] ~{NNBSP}Maxime: Elle a perdu son téléphone\nElle te rappelle",
        f"[14/10/2024 08:14:00] Camille: {LRM}Camille a activé les messages éphémères. Tous les nouveaux "
        f"messages disparaîtront de cette discussion 7{NBSP}jours après avoir été envoyés. Appuyez pour modifier.",
        f"[14/10/2024 08:15:00] Rochane: {LRM}Vous avez désactivé les messages éphémères.",
        "[14/10/2024 08:15:30] Rochane: Vous avez désactivé les messages éphémères. Pas moi !",
        f"[14/10/2024 08:16:00] Camille: {LRM}En attente de ce message. Ceci pourrait prendre un moment.",
        "[14/10/2024 08:16:30] Camille: La vue unique est activée pour cette photo",
        "[14/10/2024 08:17:00] Rochane: Récap de la semaine :\n"
        "[13/10 18:30] Camille : Coucou ! (collé)\n"
        "13/10/2024, 18:32 - Léa: autre format\n"
        f"{LRM}image absente\n"
        "\n"
        f"Votre code de sécurité avec Camille a changé.\n"
        "Fin du récap",
        f"[14/10/2024 08:18:00] Rochane: @{FSI}Camille{PDI} tu as vu ?",
        "[14/10/2024 08:19:00] Camille: Oui\n\n\nMerci <Ce message a été modifié> hein",
        f"[14/10/2024 08:20:00] Camille: {LRM}Vous avez bloqué ce contact",
        f"[14/10/2024 08:20:30] Camille: {LRM}Vous avez débloqué ce contact",
        "[14/10/2024 08:22:00] Camille: POLL:\nResto samedi ?\nOPTION: Pizza (1 vote)\nOPTION: Sushi (0 votes)",
        "[14/10/2024 08:23:00] Camille: Localisation en direct",
        "[14/10/2024 08:24:00] Rochane: Localisation en direct ? Non merci",
        "[14/10/2024 08:25:00] Camille: Liste :\n- pain\n- 14/10/2024 08:00 fromage\n\n[note] vin\n"
        "+33 6 39 98 45 67: appelle-le",
        f"[14/10/2024 08:26:00] ~{NNBSP}Maxime: C'est encore moi, tu as le code ? {LRM}<Ce message a été modifié>",
        "[14/10/2024 08:27:00] Rochane: Oui : 1234",
        "[14/10/2024 08:28:00] Camille: Oups, mauvais bouton",
        "[14/10/2024 08:28:00] Camille: Oups, mauvais bouton",
        "[15/10/2024 07:00:00] Rochane: Bonne journée ! \U0001f338",
        f"[15/10/2024 07:01:00] Camille: {LRM}La vue unique est activée pour cette photo",
        "",
    ]
    return "\r\n".join(records)


def write(name: str, text: str) -> None:
    (OUT / name).write_bytes(text.encode("utf-8"))


def mis_decode(data: bytes, codec: str) -> str:
    """UTF-8 bytes read as a single-byte code page. Bytes that the code page leaves
    undefined (Windows-1252: 0x81, 0x8D, 0x8F, 0x90, 0x9D) become the C1 control of
    the same value, as most decoders do."""
    return "".join(
        bytes([b]).decode(codec, errors="replace").replace("\ufffd", chr(b)) for b in data
    )


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    android = android_group()
    write("android_group_events.txt", android)

    raw = android.encode("utf-8")
    expected_path = OUT / "android_group_events.json"
    expected = expected_path.read_text("utf-8") if expected_path.exists() else None
    for suffix, codec, repair in [
        ("mac_roman", "mac_roman", "mac_roman"),
        ("windows_1252", "cp1252", "windows_1252"),
    ]:
        write(f"android_group_events_{suffix}.txt", mis_decode(raw, codec))
        if expected is not None:
            # Same messages: only the profile's `encoding_repair` differs.
            marker = '"encoding_repair": null'
            assert expected.count(marker) == 1
            (OUT / f"android_group_events_{suffix}.json").write_text(
                expected.replace(marker, f'"encoding_repair": "{repair}"'), "utf-8"
            )

    write("ios_private_events.txt", ios_private())


if __name__ == "__main__":
    main()
