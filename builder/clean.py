"""Article extraction: the main text and metadata of a news page.

Two inputs arrive here, both already decoded to ``str``:

* HTML pages go through trafilatura (main-text extraction and metadata), then through the same
  normalisation and line filters as plain text.
* Plain text that a scraper already pulled out of a page still carries the page furniture:
  breadcrumbs, repeated titles, bylines, share buttons, "related" lists, comments, footers.
  ``extract_text`` finds the article body as the densest run of prose lines and lifts the title,
  byline, date and section out of the lines around it.

Everything is a pure function of its input; nothing touches the network.
"""
from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Callable
from functools import lru_cache
from itertools import chain, compress, groupby
from typing import NamedTuple
from datetime import date

from builder.asciitext import has_case_oddities, is_latin1, latin1_beyond_ascii, matches_only_ascii

__all__ = ["html_body", "text_body", "extract_html", "extract_text", "normalise_text"]


# --------------------------------------------------------------------------------------------
# Normalisation
# --------------------------------------------------------------------------------------------

BLANK_LINES = re.compile(r"\n{3,}")


def _invisible_characters() -> str:
    """Format characters (zero-width space and joiners, soft hyphen, BOM, direction marks) and
    control characters: they carry no text. Whitespace controls (tab, vertical tab, NEL ...)
    are left to the space collapsing instead."""
    basic = (chr(code) for code in range(0x10000))
    supplementary = (chr(code) for first, last in ((0x110BD, 0x110BD), (0x110CD, 0x110CD),
                                                   (0x13430, 0x1343F), (0x1BCA0, 0x1BCA3),
                                                   (0x1D173, 0x1D17A), (0xE0001, 0xE007F))
                     for code in range(first, last + 1))
    return "".join(char for chars in (basic, supplementary) for char in chars
                   if unicodedata.category(char) in ("Cf", "Cc") and not char.isspace())


def _character_class(chars: str) -> str:
    return "[" + re.escape(chars) + "]"


# The regex engine looks the characters of the Basic Multilingual Plane up in a table, but tests
# the astral members of a class one entry after the other: the 140 astral invisibles made one
# class of them all 40 times slower. So the invisible characters are split by plane, and one
# cheap pass (BMP invisibles or any astral character) tells whether there is anything to
# remove at all.
_INVISIBLE = _invisible_characters()
_INVISIBLE_BMP = "".join(char for char in _INVISIBLE if char <= "\uffff")
_INVISIBLE_ASTRAL = "".join(char for char in _INVISIBLE if char > "\uffff")
INVISIBLE_BMP = re.compile(_character_class(_INVISIBLE_BMP))
INVISIBLE_ASTRAL = re.compile(_character_class(_INVISIBLE_ASTRAL))
MAYBE_INVISIBLE = re.compile("[" + re.escape(_INVISIBLE_BMP) + "\U00010000-\U0010ffff]")
# Whitespace other than the plain space and the line feed: tab, NBSP, thin space, ideographic
# space ... (all in the Basic Multilingual Plane).
_OTHER_SPACES = "".join(chr(code) for code in range(0x10000)
                        if chr(code).isspace() and chr(code) not in " \n")
# A text without any of these, nor spaces at a line's ends or two in a row, needs no repair
# beyond NFC.
NEEDS_REPAIR = re.compile("[" + re.escape(_INVISIBLE_BMP + _OTHER_SPACES)
                          + "\U00010000-\U0010ffff]")


def remove_invisible(text: str) -> str:
    if not MAYBE_INVISIBLE.search(text):  # the common case: nothing to remove
        return text
    return INVISIBLE_ASTRAL.sub("", INVISIBLE_BMP.sub("", text))


# The bytes of Latin-1 characters NEEDS_REPAIR does not look for. Python keeps a text of Latin-1
# characters one byte a character and encodes it by copying; deleting these bytes from it leaves
# nothing when the text has none of the others, in a tenth of the regex engine's time.
_LATIN1_WITHOUT_REPAIR = bytes(code for code in range(256) if not NEEDS_REPAIR.match(chr(code)))


def needs_repair(text: str) -> bool:
    """Whether the text holds a character NEEDS_REPAIR looks for."""
    latin1 = text.encode("latin-1", "ignore")
    if len(latin1) != len(text):
        return NEEDS_REPAIR.search(text) is not None
    return bool(latin1.translate(None, _LATIN1_WITHOUT_REPAIR))


def is_tidy(text: str) -> bool:
    """No invisible characters, and no spaces but single plain spaces inside the lines."""
    return not (needs_repair(text) or "  " in text or " \n" in text or "\n " in text
                or text.startswith(" ") or text.endswith(" "))


def normalise_text(text: str) -> str:
    """LF line ends, NFC, no invisible characters, single spaces, stripped lines, at most one
    blank line in a row. Typographic quotes and dashes are kept as they are."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    # NFC comes first: removing a joiner may leave a sequence NFC would compose, and the text
    # keeps it as it is. A Latin-1 text is in NFC already: none of its characters decomposes,
    # combines or composes with another (and telling costs a copy, not a table lookup a
    # character).
    if not is_latin1(text):
        text = unicodedata.normalize("NFC", text)
    if not is_tidy(text):
        text = remove_invisible(text)
        # str.split() splits at runs of whitespace of every width (NBSP, thin space, ideographic
        # space ...) and drops them at the ends: each line gets single plain spaces, stripped.
        text = "\n".join([" ".join(line.split()) for line in text.split("\n")])
    if "\n\n\n" in text:
        text = BLANK_LINES.sub("\n\n", text)
    return text.strip()


def paragraphs_text(lines: list[str]) -> str:
    """Body lines as paragraphs separated by one blank line."""
    return "\n\n".join(line for line in lines if line)


# --------------------------------------------------------------------------------------------
# Line features for scraped plain text
# --------------------------------------------------------------------------------------------

WORD = re.compile(r"\w+")
# Kana and Han characters: Japanese and Chinese write words without spaces, so a run of them is
# one \w+ token; about two characters make a word.
CJK_CHAR = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
LETTER = re.compile(r"[^\W\d_]")
# A line that ends like a sentence: full stop, question or exclamation mark, ellipsis (also the
# CJK forms), possibly followed by closing quotes or brackets; Korean sentences end in "다".
SENTENCE_END = re.compile(r"[.!?…。！？][\"'”’»)\]]*$|다$")
SENTENCE_MARKS = tuple(".!?…。！？")
CLOSING_MARKS = "\"'”’»)]"
URL_ONLY = re.compile(r"^(?:https?://|www\.)\S+$", re.IGNORECASE)


# Every byte of a word character (ASCII letter, digit, "_") kept and every other byte made a space:
# in UTF-8 each byte of a non-ASCII character is >= 0x80, so in a text whose word characters are
# all ASCII, str.split() on the result finds the same words as WORD.findall, three times faster.
NON_WORD_BYTES_TO_SPACE = bytes(code if WORD.match(chr(code)) else 0x20 for code in range(128)) + b" " * 128
# The same, with the ASCII capitals lowercased on the way.
NON_WORD_BYTES_TO_SPACE_LOWERCASED = NON_WORD_BYTES_TO_SPACE.lower()
_LATIN1_BUT_WORD_BEYOND_ASCII = latin1_beyond_ascii(WORD.match)


def has_only_ascii_words(text: str) -> bool:
    """Whether every word character of the text is ASCII (the non-ASCII characters of most
    lines are quotes, dashes, currency signs and breadcrumb arrows)."""
    return matches_only_ascii(text, WORD, _LATIN1_BUT_WORD_BEYOND_ASCII)


def ascii_lowercase(text: str) -> str:
    """The text with its ASCII capitals lowercased, every other character as it is. A lowercase
    ASCII keyword occurs in it just where it occurs in text.lower() unless the text holds a case
    oddity (no other character lowercases to ASCII letters), and for a text beyond ASCII it costs
    a fraction of str.lower, which looks every character up."""
    if text.isascii():
        return text.lower()
    latin1 = text.encode("latin-1", "ignore")
    if len(latin1) == len(text):
        return latin1.lower().decode("latin-1")  # bytes.lower changes ASCII capitals only
    return text.encode("utf-8", "surrogatepass").lower().decode("utf-8", "surrogatepass")


@lru_cache(maxsize=1024)
def lower_words(line: str) -> tuple[str, ...]:
    """The words of a line, lowercased. (Cached: the repeat finder, the topic comparison and
    the title matching all take the same lines apart.)"""
    if not has_case_oddities(line) and has_only_ascii_words(line):
        # Lowercasing makes no character beyond ASCII a word character or an ASCII one (but for
        # the case oddities) nor the reverse: the words are the ASCII ones, lowercased by the
        # table on the way.
        return tuple(line.encode("utf-8").translate(NON_WORD_BYTES_TO_SPACE_LOWERCASED)
                     .decode("ascii").split())
    lowered = line.lower()
    if has_only_ascii_words(lowered):
        return tuple(lowered.encode("utf-8").translate(NON_WORD_BYTES_TO_SPACE).decode("ascii").split())
    return tuple(WORD.findall(lowered))


@lru_cache(maxsize=8192)
def word_count(line: str) -> float:
    """Words in a line, counting Japanese/Chinese characters at about two per word.
    (Cached: every line is measured by several classifiers.)"""
    # A Latin-1 line (told by a copy, where the regex tests a class a character) has no CJK.
    cjk = 0 if line.isascii() or is_latin1(line) else len(CJK_CHAR.findall(line))
    if not cjk:
        # Lowercasing keeps the words apart as they were (but for the dotted capital I, which
        # becomes "i" and a combining dot), so the lowercase words, taken apart anyway, are as
        # many.
        return float(len(WORD.findall(line) if "\u0130" in line else lower_words(line)))
    other = len(WORD.findall(CJK_CHAR.sub(" ", line)))
    return other + cjk / 2


def ends_like_sentence(line: str) -> bool:
    """What SENTENCE_END.search tells, read from the end of the line instead of scanning it
    all (every line is asked, most are long)."""
    line = line.removesuffix("\n")  # "$" also matches before a final line break
    return line.rstrip(CLOSING_MARKS).endswith(SENTENCE_MARKS) or line.endswith("다")


# Function words of the larger Latin- and Cyrillic-script languages. They are left out when
# comparing the topic of two lines, and their counts give a cheap language guess.
STOP_WORDS = {
    "en": set("the a an of to in and or is are was were be been has have had it its that this "
              "with for on at by from as but not they he she we you i his her their our which who "
              "will would can could there what when if than then so".split()),
    "de": set("der die das den dem des ein eine einen einem einer und oder ist sind war waren "
              "nicht mit für auf von zu im in sich es wir sie er ich auch als wie bei nach aus "
              "noch dass werden wird hat haben".split()),
    "fr": set("le la les un une des du de et ou est sont était pas pour dans sur avec par que "
              "qui il elle nous vous ils ce cette ces au aux son sa ses mais plus ne se".split()),
    "es": set("el la los las un una unos unas de del y o es son era no para en con por que "
              "se su sus al lo como más pero este esta ya muy también".split()),
    "it": set("il lo la i gli le un una di del della dei e o è sono era non per in con su da "
              "che si al alla come più ma anche questo questa nel ha".split()),
    "pt": set("o a os as um uma de do da dos das e ou é são era não para em com por que se "
              "no na ao seu sua mais mas como isso também muito".split()),
    "nl": set("de het een en of is zijn was waren niet voor in op met door van dat die dit "
              "er hij zij wij ze ik ook als bij naar uit nog wordt heeft".split()),
    "ru": set("и в во не что он она они на я с со как а то все так его но да ты к у же вы за "
              "бы по только ее мне было вот от меня еще нет о из ему когда даже ну ли если уже "
              "или это был была были для при".split()),
}
ALL_STOP_WORDS = frozenset().union(*STOP_WORDS.values())
# The languages a function word belongs to ("de": German, French, Spanish, Portuguese, Dutch).
STOP_WORD_LANGUAGES = {word: tuple(language for language, stop in STOP_WORDS.items()
                                   if word in stop)
                       for word in ALL_STOP_WORDS}


# --------------------------------------------------------------------------------------------
# Boilerplate vocabulary. Patterns describe kinds of page furniture found on news sites in
# general (sharing, subscribing, cookies, ads, comments, "related" lists), never one site.
# --------------------------------------------------------------------------------------------

def _line_pattern(*alternatives: str) -> re.Pattern:
    return re.compile(r"^(?:" + "|".join(alternatives) + r")$", re.IGNORECASE)


# Names of share targets and page controls. A short line made only of these is a button row.
CONTROL_WORDS = frozenset("""
    share shares sharing tweet tweets retweet pin email e-mail mail print facebook twitter
    linkedin reddit whatsapp pinterest flipboard pocket telegram instagram youtube rss feed
    google plus tumblr stumbleupon blogger digg vk ok messenger sms copy link url comment
    comments reply menu search close open toggle navigation previous next more less back top
    home skip content main login log in sign up register subscribe follow us on via this
    story article page options all icon x of the to and or save bookmark whatsapp snapchat
""".split())

# Whole-line headings that open a block which is not the article: related links, comments,
# tags, author boxes, "most read" lists.
BLOCK_HEADING = _line_pattern(
    r"(?:related|similar|recommended|suggested|popular|trending|latest|top|more|other|recent)"
    r"(?: (?:news|stories|articles|posts|videos?|reads|content|links|topics|tags|coverage|"
    r"headlines|items|galleries|now|today|for you|(?:on|in|from|by) .{1,40}))?:?",
    # "More Washington Examiner", "More Coverage": "more" and a short capitalised name
    r"(?-i:More(?: [A-Z][\w.&'’-]*){1,3})",
    r"(?:you|we think you) (?:may|might|will|would) (?:also )?(?:like|enjoy|be interested in)"
    r"[^.]{0,40}",
    r"(?:read|see|watch) (?:also|more|next)(?: \w+){0,3}:?",
    r"(?:also read|don'?t miss|what to read next|further reading|more stories|more news"
    r"|explore further|want more stories)[^.]{0,30}",
    r"(?:most|more) (?:read|viewed|popular|shared|commented|from|in|on)(?: \S+){0,5}",
    r"(?:tags?|topics?|filed under|categories|keywords)(?:\s*:.*|(?: \S+){0,8})",
    r"(?:about|more from|other articles by) the author:?",
    # "Share this story", "Share on Facebook", but not "Share prices fell"
    r"share(?: this| it)?(?: (?:story|article|post|page|link))?(?: (?:on|via|with) .{1,40})?:?",
    r"share your (?:thoughts|comments|opinion|views)[^.]{0,40}\.?",
    r"(?:previous|next) (?:article|post|story)(?: .*)?",
    # German, French, Spanish, Italian, Portuguese, Russian block headings
    r"(?:weitere (?:beiträge|artikel|themen)|ähnliche artikel|das könnte sie auch interessieren"
    r")(?: .*)?",
    r"(?:à lire aussi|lire aussi|articles? similaires)(?: .*)?",
    r"(?:noticias|artículos) relacionad[oa]s|te puede interesar",
    r"(?:articoli correlati|potrebbe interessarti)(?: .*)?",
    r"(?:artigos relacionados|posts relacionados|leia também)(?: .*)?",
    r"(?:материалы по теме|читайте также|похожие (?:статьи|материалы)|теги|самые (?:популярные|"
    r"читаемые)|популярное|смотрите также)(?: .*)?",
)

# Lines that are page furniture wherever they stand.
FURNITURE_LINE = re.compile(
    r"^(?:"
    r"advertisement|advertising|advert|ad|sponsored(?: content| links?)?|anzeige|publicidad"
    r"|pubblicità|реклама"
    r"|skip to (?:main )?(?:content|navigation|article|search)(?: .*)?"
    r"|(?:back|return) to (?:top|home|article)"
    r"|continue reading(?: .*)?|read (?:the )?(?:full|more|original)(?: story| article)?.*"
    r"|click here.*|tap here.*|loading(?: comments)?\W*|javascript is (?:required|disabled).*"
    r"|(?:sign up|subscribe|register|log ?in|sign in)(?: (?:for|to|now|here|today)\b.*)?"
    r"|this (?:video|content|slideshow|site|website) (?:requires|is not available|uses).*"
    r"|(?:related|read more|see also|also read|read also|also on|more|watch|listen|"
    r"recommended|featured|further reading)\s*:.*"
    r"|\[(?:related|read more|see also)\b.*\]"
    r"|(?:image|photo|picture|foto|фото|credit|source|caption|illustration)\s*(?:credit)?\s*:.*"
    r"|\((?:image|photo|picture|credit)s?\b[^)]{0,80}\)"
    r"|photo(?:graph)? (?:by|courtesy|credit).*|getty images|shutterstock|ap photo.*"
    r"|(?:©|\(c\)|copyright\b).*|citation:.*"
    r"|[^a-z]{0,3}(?:follow|like|join) us\b.*"
    r")$",
    re.IGNORECASE,
)

# Furniture words that, in a short line, mark it as a call to action or a notice.
NOTICE = re.compile(
    r"\b(?:cookies?|newsletters?|subscribe|subscription|sign[ -]?up|log[ -]?in|sign[ -]?in|"
    r"inbox|unsubscribe|privacy policy|terms of (?:use|service)|all rights reserved|"
    r"notifications?|download (?:our|the) app|follow us|follow \w+ on|share (?:this|on|via)|"
    r"comments? (?:are|is) closed|report (?:this|abuse)|advertis\w+|affiliate commission|"
    r"adblock\w*)\b",
    re.IGNORECASE,
)
# Every match of NOTICE holds one of these words whole (its first word, or "rights"), or a word
# starting with one of the keywords (see may_be_notice).
NOTICE_WORDS = frozenset("""cookie cookies newsletter newsletters subscribe subscription
    unsubscribe sign signup signin log login inbox privacy terms rights notification notifications
    download follow share comment comments report affiliate""".split())
NOTICE_KEYWORDS = ("advertis", "adblock")
# A notice speaks to the reader or tells them what to do; a sentence of the article that
# mentions subscriptions or advertising does neither.
ADDRESSES_READER = re.compile(
    r"\b(?:you|your|our|us|we)\b|^(?:sign|subscribe|join|follow|download|get|click|tap|"
    r"register|log|share|read|watch|listen|accept|continue|see|view|manage|allow|enable)\b",
    re.IGNORECASE,
)
# Consent, legal and contact notices are long and full of stop words; they name their subject.
CONSENT = re.compile(
    r"\b(?:cookies?|tracking technologies|privacy (?:policy|settings|notice)|consent|"
    r"terms of (?:use|service)|user agreement|all rights reserved|"
    # contact boxes: "Telephone: ... Fax: ... E-mail: ..."
    r"tel(?:ephone)?:|fax:?|e-?mail:|toll[- ]free|customer service)",
    re.IGNORECASE,
)
# Every match of CONSENT holds one of these.
CONSENT_KEYWORDS = ("cookie", "tracking technologies", "privacy ", "consent", "terms of ",
                    "user agreement", "all rights reserved", "tel:", "telephone:", "fax", "mail:",
                    "toll", "customer service")
# Reproduction notices close syndicated articles: "This material may not be published,
# broadcast, rewritten or redistributed", "This document is subject to copyright".
# Browser notices and contact lines are furniture of any length.
LEGAL = re.compile(
    r"\b(?:all rights reserved|subject to copyright|without (?:the )?(?:prior )?(?:written )?"
    r"permission|may not be (?:re)?(?:published|reproduced|broadcast|copied|distributed)|"
    r"(?:for )?(?:your )?personal,? non-commercial use|"
    r"(?:update|upgrade|switch) (?:to )?(?:a |your )?(?:modern|newer|supported|latest) browser|"
    r"enable javascript)\b|"
    r"^(?:write to|contact|email|e-mail|reach) [^.]{0,60}\S+@\S+\.\w+\.?$",
    re.IGNORECASE,
)
# Every match of LEGAL holds one of these.
LEGAL_KEYWORDS = ("all rights reserved", "subject to copyright", "permission", "may not be ",
                  "non-commercial use", "browser", "enable javascript", "@")
# An image credit at the end of a caption: "... Credit: Getty", "... / Reuters", "(Photo: AP)".
CREDIT_TAIL = re.compile(
    r"(?:\b(?:credit|photo|image|picture|foto|source)s?\s*:\s*[^.]{1,80}"
    r"|\((?:photo|image|credit|picture)[^)]{0,80}\)"
    r"|\b(?:getty images|afp|ap photo|reuters|epa|shutterstock|istock\w*)(?:\s+file)?)\s*$",
    re.IGNORECASE,
)
# Every match of CREDIT_TAIL holds one of these.
CREDIT_TAIL_KEYWORDS = ("credit", "photo", "image", "picture", "foto", "source", "getty images", "afp",
                        "reuters", "epa", "shutterstock", "istock")
# Wire-agency captions describe the photo they sit under: "In this Dec. 12, 2006, file photo ..."
CAPTION_OPENING = re.compile(
    r"^(?:in )?this (?:[\w.,'’-]+ ){0,8}?(?:photo|image|picture|photograph|handout|file)\b",
    re.IGNORECASE,
)
# A bare credit line: "Sanjeev Verma/Hindustan Times/Getty Images", "NASA Worldview" is not.
CREDIT_LINE = re.compile(
    r"^(?:\S+(?: \S+){0,5}\s*/\s*)+(?:getty images|afp|reuters|ap|epa|shutterstock|"
    r"istockphoto|bloomberg|\S+ images?)(?: via getty images)?$|"
    r"^(?:photo|image|picture)s? (?:by|courtesy of|via)\b.*$",
    re.IGNORECASE,
)
# Every match of CREDIT_LINE holds one of these (the backtracking of its first branch makes it
# slow to rule out).
CREDIT_LINE_KEYWORDS = ("/", "photo", "image", "picture")

# A credit standing on its own line under a photo: "Photo: Gene J. Puskar", "(Image: © NASA)".
CREDIT_LABEL = re.compile(
    r"^\(?(?:image|photo|picture|foto|фото|credit|illustration)s?(?: credit)?\s*:", re.IGNORECASE)
# Gallery counters open captions: "1 of 4 Grass Valley's Dionicio Torres looks at ...".
GALLERY_COUNTER = re.compile(r"^(?:image |photo )?\d{1,3} (?:of|/) \d{1,3}\b", re.IGNORECASE)
# Calls to action: "Subscribe to our newsletter", "Join our forums", "Follow us on ...".
CALL_TO_ACTION = re.compile(
    r"(?:^|[.!?] )(?:subscribe|sign up|join|follow|download|get|click|tap|register|like|"
    r"visit|check out|don't forget to|be sure to)\b[^.!?]{0,40}\b(?:our|us|the app|"
    r"newsletters?|forums?|community|magazine|channel|podcast)\b",
    re.IGNORECASE,
)
# Every match of CALL_TO_ACTION holds a word of each set whole: its verb, and what it points to.
CALL_TO_ACTION_WORDS = (
    frozenset("subscribe sign join follow download get click tap register like visit check don be"
              .split()),
    frozenset("our us the newsletter newsletters forum forums community magazine channel podcast"
              .split()),
)

# Headings that open the reader comments. Comments follow the article, so once one of these
# appears after the article has started, nothing below it is article text.
COMMENTS_HEADING = _line_pattern(
    # Bare "Reactions" or "Responses" can be a subheading of the article; with a count they
    # are the comment counter.
    r"(?:\d+ )?comments?(?: \(\d+\))?:?|\d+ (?:responses?|replies|reactions)",
    r"(?:\d+ (?:thoughts?|responses?)|(?:\d+ )?comments?) (?:on|to) .{1,150}",
    r"(?:leave|post|add|write|submit) (?:a |your |the )?(?:comment|reply|response)(?: .{0,60})?",
    r"(?:view|show|load|read|see) (?:all |the )?(?:\d+ )?comments?(?: .{0,40})?",
    r"comments? (?:are|is) (?:closed|disabled)\.?|join the (?:discussion|conversation)\.?",
    r"(?:\d+ )?(?:kommentare?|commentaires?|comentarios|commenti|comentários|reacties"
    r"|комментари\w*|отзывы|댓글|コメント)(?: .{0,40})?",
    r"добавить (?:комментарий|отзыв)(?: .{0,40})?",
    r"(?:lascia|deixe|laisser|dejar?) (?:un |uma |une )?(?:commento|resposta|commentaire"
    r"|comentario|respuesta)(?: .{0,40})?",
)


# --------------------------------------------------------------------------------------------
# Cheap tests that rule the notice patterns out. A case-insensitive pattern of many alternatives
# tries them all at every position of a line. NOTICE, CONSENT, LEGAL and CALL_TO_ACTION come
# with keywords or words one of which is part of any match: a few substring searches in the
# lowercased text, or a set lookup of its words, rule nearly all lines out first. A pattern and
# its keywords change together.
# --------------------------------------------------------------------------------------------

# These tests run a dozen times a line: plain loops, as any() over a generator costs three times
# as much.

def may_mention(line: str, keywords: tuple[str, ...]) -> bool:
    """False when the line holds none of the (lowercase, ASCII) keywords in any letter case."""
    lowered = ascii_lowercase(line)
    for keyword in keywords:
        if keyword in lowered:
            return True
    return has_case_oddities(line)


def may_hold_words(line: str, *word_sets: frozenset[str]) -> bool:
    """False when the line lacks a word of one of the sets in any letter case. For the patterns
    asked of short lines, where a dozen keyword searches would cost as much as the pattern, but
    one lookup of the line's words in a set does not. (The lowercase words are what a pattern
    matches case-insensitively, but for case oddities.)"""
    if has_case_oddities(line):
        return True
    words = lower_words(line)
    for word_set in word_sets:
        if word_set.isdisjoint(words):
            return False
    return True


def may_be_notice(line: str) -> bool:
    """False when NOTICE cannot match the line."""
    return may_hold_words(line, NOTICE_WORDS) or may_mention(line, NOTICE_KEYWORDS)


class LongNoticeKeywords(NamedTuple):
    """The keywords of LEGAL and CONSENT, the notice patterns asked of long lines, that a page
    holds. Its lines hold no others: most pages rule both patterns out for all their lines with
    one search a keyword."""
    legal: tuple[str, ...]
    consent: tuple[str, ...]


EVERY_LONG_NOTICE_KEYWORD = LongNoticeKeywords(LEGAL_KEYWORDS, CONSENT_KEYWORDS)


def long_notice_keywords(lines: list[str]) -> LongNoticeKeywords:
    page = "\n".join(lines)
    if has_case_oddities(page):
        return EVERY_LONG_NOTICE_KEYWORD
    lowered = ascii_lowercase(page)
    return LongNoticeKeywords(*(tuple(keyword for keyword in keywords if keyword in lowered)
                                for keywords in EVERY_LONG_NOTICE_KEYWORD))


# --------------------------------------------------------------------------------------------
# Dates: bylines and datelines carry them in a dozen shapes; the body finder needs to know a
# bare date line when it sees one, and the metadata wants the date as ISO 8601.
# --------------------------------------------------------------------------------------------

MONTHS = {
    **dict.fromkeys(["january", "jan", "januar", "janvier", "enero", "gennaio", "janeiro",
                     "januari", "января", "январь"], 1),
    **dict.fromkeys(["february", "feb", "februar", "février", "fevrier", "febrero", "febbraio",
                     "fevereiro", "februari", "февраля", "февраль"], 2),
    **dict.fromkeys(["march", "mar", "märz", "mars", "marzo", "março", "maart", "марта",
                     "март"], 3),
    **dict.fromkeys(["april", "apr", "avril", "abril", "aprile", "апреля", "апрель"], 4),
    **dict.fromkeys(["may", "mai", "mayo", "maggio", "maio", "mei", "мая", "май"], 5),
    **dict.fromkeys(["june", "jun", "juni", "juin", "junio", "giugno", "junho", "июня",
                     "июнь"], 6),
    **dict.fromkeys(["july", "jul", "juli", "juillet", "julio", "luglio", "julho", "июля",
                     "июль"], 7),
    **dict.fromkeys(["august", "aug", "août", "aout", "agosto", "augustus", "августа",
                     "август"], 8),
    **dict.fromkeys(["september", "sep", "sept", "septembre", "septiembre", "settembre",
                     "setembro", "сентября", "сентябрь"], 9),
    **dict.fromkeys(["october", "oct", "oktober", "octobre", "octubre", "ottobre", "outubro",
                     "октября", "октябрь"], 10),
    **dict.fromkeys(["november", "nov", "novembre", "noviembre", "novembro", "ноября",
                     "ноябрь"], 11),
    **dict.fromkeys(["december", "dec", "dezember", "décembre", "decembre", "diciembre",
                     "dicembre", "dezembro", "декабря", "декабрь"], 12),
}
# The alternation of a hundred month names is tried name after name (case-insensitively, the
# engine cannot skip a name by its first letter): a look-ahead for the letters the names start
# with rules most positions out at once, and matches nothing it would not.
_MONTH_INITIALS = "[" + "".join(sorted({name[0] for name in MONTHS})) + "]"
_MONTH_NAMES = ("(?=" + _MONTH_INITIALS + ")(?:"
                + "|".join(sorted(MONTHS, key=len, reverse=True)) + ")")
_MONTH = r"(?P<month>" + _MONTH_NAMES + r")"
# A time of day after the date belongs to the same dateline; it is consumed, not reported.
_TIME = r"(?:[T ,@|·-]*\s*\d{1,2}[:.h]\d{2}(?::\d{2})?\s*(?:[ap]\.?m\.?)?)?"
DATE_PATTERNS = [
    re.compile(r"\b(?P<year>(?:19|20)\d{2})-(?P<mon>\d{1,2})-(?P<day>\d{1,2})" + _TIME,
               re.IGNORECASE),
    re.compile(r"\b(?P<year>(?:19|20)\d{2})\s*[年년.]\s*(?P<mon>\d{1,2})\s*[月월.]\s*"
               r"(?P<day>\d{1,2})\s*[日일]?" + _TIME, re.IGNORECASE),
    re.compile(r"\b(?P<year>(?:19|20)\d{2})/(?P<mon>\d{1,2})/(?P<day>\d{1,2})\b" + _TIME,
               re.IGNORECASE),
    re.compile(r"\b(?P<day>\d{1,2})\.(?P<mon>\d{1,2})\.(?P<year>(?:19|20)?\d{2})\b" + _TIME,
               re.IGNORECASE),
    re.compile(r"\b(?P<mon>\d{1,2})/(?P<day>\d{1,2})/(?P<year>(?:19|20)?\d{2})\b" + _TIME,
               re.IGNORECASE),
    re.compile(r"\b" + _MONTH + r"\.?\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?,?\s+"
               r"(?P<year>(?:19|20)\d{2})\b" + _TIME, re.IGNORECASE),
    re.compile(r"\b(?P<day>\d{1,2})(?:st|nd|rd|th|er|º)?\.?\s+(?:de\s+)?" + _MONTH +
               r"\.?,?\s+(?:de\s+)?(?P<year>(?:19|20)\d{2})\b" + _TIME, re.IGNORECASE),
]
# Every date pattern needs a year of four digits, or digits around a dot or slash ("19.11.19",
# "11/19/19"): lines without either (nearly all) skip the patterns.
DATE_HINT = re.compile(r"\d(?:\d{3}|[./]\d)")
TIME_OF_DAY = re.compile(r"\b\d{1,2}[:.]\d{2}(?::\d{2})?\s*(?:[ap]\.?m\.?)?", re.IGNORECASE)
# Words that stand around a date in a dateline and say nothing else.
DATELINE_WORDS = re.compile(
    r"\b(?:updated?|published|posted|last|modified|created|first|on|at|am|pm|a\.m|p\.m|"
    r"gmt|utc|est|edt|cst|cdt|pst|pdt|bst|cet|cest|ist|amt|msk|et|pt|ct|uk|"
    r"monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tue|wed|thu|fri|sat|sun|"
    r"today|yesterday|min|read|mins|minutes?|hours?|ago|time|date|"
    r"aktualisiert|veröffentlicht|am|um|publié|le|mis à jour|publicado|actualizado|el|"
    r"pubblicato|aggiornato|il|обновлено|опубликовано)\b",
    re.IGNORECASE,
)


def _date_from_match(match: re.Match) -> str | None:
    fields = match.groupdict()
    year = int(fields["year"])
    if year < 100:
        year += 2000
    month = MONTHS[fields["month"].lower()] if fields.get("month") else int(fields["mon"])
    day = int(fields["day"])
    if month > 12 and day <= 12:  # 19/11/2019 written day first
        month, day = day, month
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None


@lru_cache(maxsize=1024)
def find_date(line: str) -> str | None:
    """The first calendar date in a line as ISO 8601 (YYYY-MM-DD). (Cached: the byline and
    dateline tests and the publication date all look for the date in the same short lines.)"""
    if not DATE_HINT.search(line):
        return None
    for pattern in DATE_PATTERNS:
        for match in pattern.finditer(line):
            found = _date_from_match(match)
            if found:
                return found
    return None


def strip_dates(line: str) -> str:
    if DATE_HINT.search(line):
        for pattern in DATE_PATTERNS:
            line = pattern.sub(" ", line)
    return TIME_OF_DAY.sub(" ", line)


# --------------------------------------------------------------------------------------------
# Bylines: "By Jane Doe - Nov 19, 2019", "by admin", "11/19/2019 by Lars Brandle",
# "Chris Davies - Nov 19, 2019, 10:31 pm CST"
# --------------------------------------------------------------------------------------------

# "By Jane Doe", "Von Moritz Bachmann", "Par ...": the byline word and what follows it.
BYLINE_OPENING = re.compile(
    r"(?:^|[|•·,\s])(?:by|von|par|por|di|door|av|от|автор:?|written by|posted by)\s+(?P<rest>.+)$",
    re.IGNORECASE)
# The byline words of BYLINE_OPENING: a match holds one of them whole.
BYLINE_WORDS = frozenset("by von par por di door av от автор".split())
# Where an author's name ends inside a byline.
NAME_END = re.compile(
    r"\s+[-–—|•·@(/／]\s*|,|;|\s+(?:updated|published|posted|on|at|in|for|and more|publiziert|"
    r"veröffentlicht|aktualisiert|le|el|il|am)\b|\s+@",
    re.IGNORECASE)
# "Chris Davies - Nov 19, 2019": the separator between a name and the date after it.
NAME_DATE_SEPARATOR = re.compile(r"\s+[-–—|•·]\s+")
NAME_TOKEN = re.compile(r"^[^\W\d_][\w.'’-]*$|^\w*\d\w*$")
NAME_CONNECTORS = frozenset("and und et y e i of de del della di da van von der den bin al".split())


def clean_name(text: str) -> str | None:
    """An author's name from what follows "By": cut at the first date, separator or role."""
    text = NAME_END.split(strip_dates(text), maxsplit=1)[0]
    tokens = text.strip(" .:").split()
    while tokens and DATELINE_WORDS.fullmatch(tokens[-1]):  # "Jane Doe EST" after the time
        tokens.pop()
    if not 1 <= len(tokens) <= 6 or not all(NAME_TOKEN.match(token) for token in tokens):
        return None
    # Names are capitalised (scripts without case pass); a lone handle like "admin477351" too.
    if len(tokens) > 1 and any(token[0].islower() and token not in NAME_CONNECTORS
                               for token in tokens):
        return None
    return " ".join(tokens)


def may_open_byline(line: str) -> bool:
    """False when BYLINE_OPENING cannot match the line. A line beyond Latin-1 is always asked:
    Cyrillic has letters that match "о" and "т" case-insensitively but do not lowercase to them."""
    return not is_latin1(line) or may_hold_words(line, BYLINE_WORDS)


@lru_cache(maxsize=1024)
def byline_author(line: str) -> str | None:
    """The author a byline names, or None when the line is not a byline. (Cached: the line
    classifier asks first, the author finder again.)"""
    if word_count(line) > 15 or (ends_like_sentence(line) and word_count(line) > 6):
        return None
    match = BYLINE_OPENING.search(line) if may_open_byline(line) else None
    if match and not strip_dates(line[:match.start()]).strip(" |-–—•·:,"):
        name = clean_name(match.group("rest"))
        if name:
            return name
    if find_date(line):
        head = NAME_DATE_SEPARATOR.split(line, maxsplit=1)[0]
        name = clean_name(head) if head != line and not find_date(head) else None
        if name and name == head.strip() and len(name.split()) >= 2:
            return name
    return None


# The start of a list item: "1) ...", "2. ...", "• ...", "June 9 – West Palm Beach, FL".
LIST_ITEM = re.compile(
    r"^(?:\d{1,3}[.)]\s|\(\d{1,3}\)\s|[-•*·–—▪►✓]\s|[a-z][.)]\s|(?:" + _MONTH_NAMES +
    r")\.?\s+\d{1,2}\b|\d{1,2}\.?\s+(?:" + _MONTH_NAMES + r")\b)",
    re.IGNORECASE,
)


def is_dateline(line: str) -> bool:
    """A line that is a date and little else: "Updated: 18 Nov 2019 9:38 pm"."""
    if word_count(line) > 12 or not find_date(line):
        return False
    rest = DATELINE_WORDS.sub(" ", strip_dates(line))
    return len(LETTER.findall(rest)) <= 3


# --------------------------------------------------------------------------------------------
# Line kinds and the body finder
# --------------------------------------------------------------------------------------------

PROSE = "prose"            # running text
SHORT = "short"            # subheadings, menu items, headlines, table rows
FURNITURE = "furniture"    # buttons, notices, ads, credits
HEADING = "heading"        # opens a related / tags / share / author block
COMMENTS = "comments"      # opens the reader comments
DATELINE = "dateline"      # a date and little else
BYLINE = "byline"          # names the author
REPEAT = "repeat"          # text already given higher up the page
ITEM = "item"              # a short numbered, bulleted or dated list entry
LINK = "link"              # a bare web address
CAPTION = "caption"        # describes or credits a photo


def is_control_row(line: str) -> bool:
    """A row of share buttons or page controls: "Share Tweet Email", "Menu", "Back to top"."""
    words = lower_words(line)
    return 0 < len(words) <= 8 and CONTROL_WORDS.issuperset(words)


def is_furniture(line: str, words: float,
                 on_page: LongNoticeKeywords = EVERY_LONG_NOTICE_KEYWORD) -> bool:
    """Page furniture wherever it stands: buttons, notices, ads, credits, copyright lines.
    `words` is word_count(line), `on_page` the notice keywords of the page the line is on."""
    if words <= 8 and is_control_row(line):
        return True
    if words <= 30 and FURNITURE_LINE.match(line):
        return True
    if words <= 15 and is_credit_line(line):
        return True
    if words <= 15 and may_be_notice(line) and NOTICE.search(line) and (
            not ends_like_sentence(line) or ADDRESSES_READER.search(line)):
        return True
    if words <= 80 and on_page.legal and may_mention(line, on_page.legal) and LEGAL.search(line):
        return True
    if words <= 40 and may_hold_words(line, *CALL_TO_ACTION_WORDS) and \
            CALL_TO_ACTION.search(line):
        return True
    # A consent or contact notice names its subject more than once; prose about privacy rarely
    # packs "cookies", "consent" and "privacy policy" into one paragraph.
    return bool(on_page.consent) and may_mention(line, on_page.consent) and \
        len(CONSENT.findall(line)) >= 2


def is_prose(line: str, words: float) -> bool:
    """A line that reads like running text: it ends like a sentence, or is too long for a
    menu item or headline. `words` is word_count(line)."""
    return (words >= 4 and ends_like_sentence(line)) or words >= 25


@lru_cache(maxsize=4096)
def line_kind(line: str, on_page: LongNoticeKeywords = EVERY_LONG_NOTICE_KEYWORD) -> str:
    """The kind of a line by itself; `on_page` as for is_furniture. (Cached: pages of a site
    repeat their menus, share buttons, footers and teaser headlines.)"""
    words = word_count(line)
    if words <= 12 and COMMENTS_HEADING.match(line):
        return COMMENTS
    if words <= 10 and BLOCK_HEADING.match(line):
        return HEADING
    if is_furniture(line, words, on_page):
        return FURNITURE
    if words <= 15 and byline_author(line):
        return BYLINE
    if words <= 12 and is_dateline(line):
        return DATELINE
    if is_prose(line, words):
        return PROSE
    if URL_ONLY.match(line):
        return LINK
    if LIST_ITEM.match(line):
        return ITEM
    return SHORT


def shingles(line: str) -> set[tuple[str, str, str, str]]:
    """Every run of four consecutive words."""
    words = lower_words(line)
    return set(zip(words, words[1:], words[2:], words[3:]))


def repeated_lines(lines: list[str]) -> list[bool]:
    """Marks lines whose text was mostly given by earlier lines: a headline shown twice, the
    whole article again as one block (structured data left in the page), a caption repeated
    under every photo. The first telling is the one kept."""
    seen: set[tuple[str, str, str, str]] = set()
    flags = []
    for line in lines:
        words = lower_words(line)
        runs = len(words) - 3  # runs of four words, a run that recurs in the line counted again
        before = len(seen)
        seen.update(zip(words, words[1:], words[2:], words[3:]))
        new = len(seen) - before
        if new == runs or runs < 3:
            # Every run was new and none recurs in the line (the common case: no set of the
            # line's own runs is needed), or there are too few runs to count as a repeat.
            flags.append(False)
            continue
        size = len(shingles(line))
        repeated = size - new  # those of its shingles that were not new
        # Long blocks count as repeated when most of them was said before; short lines only
        # when all of it was, since subheadings often reuse words of the title.
        flags.append(size >= 3 and (repeated == size or (size >= 8 and repeated >= 0.6 * size)))
    return flags


def is_credit_line(line: str) -> bool:
    return may_mention(line, CREDIT_LINE_KEYWORDS) and CREDIT_LINE.match(line) is not None


@lru_cache(maxsize=4096)
def is_credit(line: str) -> bool:
    """A bare photo credit. (Cached: it is asked of the line after every short line, and pages
    of a site repeat theirs.)"""
    return word_count(line) <= 15 and bool(is_credit_line(line) or CREDIT_LABEL.match(line))


@lru_cache(maxsize=4096)
def describes_photo(line: str) -> bool:
    """A caption by itself: it carries its own credit, or reads like a wire-agency caption or a
    gallery counter. (Cached: pages of a site repeat their teaser headlines and captions.)"""
    if word_count(line) > 60:
        return False
    if not ends_like_sentence(line) and may_mention(line, CREDIT_TAIL_KEYWORDS) and \
            CREDIT_TAIL.search(line):  # the cheap tests first
        return True
    return bool(CAPTION_OPENING.match(line) or GALLERY_COUNTER.match(line))


def is_caption(line: str, next_line: str | None) -> bool:
    """An image caption: it carries its own credit, or a bare credit line follows it."""
    return describes_photo(line) or (next_line is not None and word_count(line) <= 40
                                     and is_credit(next_line))


# A punctuation mark: not a letter, digit or space, nor an apostrophe. ("_" is a word character
# to the regex engine, but not alphanumeric.)
PUNCTUATION_MARK = re.compile(r"[^\w\s'’]|_")


def punctuation_shape(line: str) -> str:
    """The first two punctuation marks of a line: rows of a table or list written out as text
    share it ("England (Group A): 10th appearance", "Spain (Group F): 11th appearance")."""
    return "".join(PUNCTUATION_MARK.findall(line)[:2])


ROW_RUN = 3


def mark_table_rows(lines: list[str], kinds: list[str]) -> None:
    """Short lines in a run of at least ROW_RUN with one punctuation shape become list items."""
    if kinds.count(SHORT) < ROW_RUN:
        return  # no run to find (most pages: a few short lines apart)
    shapes = [punctuation_shape(line) if kind == SHORT else "" for line, kind in zip(lines, kinds)]
    start = 0
    for shape, run in groupby(shapes):
        end = start + len(list(run))
        if shape and end - start >= ROW_RUN:
            kinds[start:end] = [ITEM] * (end - start)
        start = end


def classify_lines(lines: list[str]) -> list[str]:
    """The kind of every line; repeats, captions and table rows depend on neighbouring lines."""
    on_page = long_notice_keywords(lines)
    kinds = [line_kind(line, on_page) for line in lines]
    for index in compress(range(len(lines)), repeated_lines(lines)):
        if kinds[index] in (PROSE, SHORT):
            kinds[index] = REPEAT
    for index, (line, following) in enumerate(zip(lines, [*lines[1:], None])):
        if kinds[index] in (PROSE, SHORT) and is_caption(line, following):
            kinds[index] = CAPTION
    mark_table_rows(lines, kinds)
    return kinds


# Weights for the body finder. Prose counts by its length; everything else costs, so that a
# few subheadings inside the article are bridged while a long menu or list of headlines is not.
HEADING_COST = 25.0
FURNITURE_COST = 8.0
DATELINE_COST = 6.0
REPEAT_COST = 3.0
ITEM_GAIN = 0.5
# The core of the body is a run of prose where every other line costs this much.
CORE_GAP_COST = 10.0
BARRIER = float("-inf")


def prose_weight(line: str) -> float:
    words = word_count(line)
    return words if ends_like_sentence(line) else 0.7 * words


def soft_weight(line: str, kind: str) -> float:
    if kind == PROSE:
        return prose_weight(line)
    if kind == SHORT:
        return -(1.0 + 0.25 * word_count(line))
    if kind in (FURNITURE, CAPTION):
        return -max(FURNITURE_COST, word_count(line) / 2)
    if kind == HEADING:
        return -HEADING_COST
    if kind in (DATELINE, BYLINE):
        return -DATELINE_COST
    if kind == REPEAT:
        return -REPEAT_COST
    if kind == ITEM:
        # A list the article ends with (tour dates, products, steps) runs on line by line;
        # each entry adds a little so the body takes the list along.
        return ITEM_GAIN
    if kind == LINK:
        return 0.0
    return BARRIER  # COMMENTS: nothing after the comments heading is article


def core_weight(line: str, kind: str) -> float:
    if kind == PROSE:
        return prose_weight(line)
    if kind in (HEADING, COMMENTS):
        return BARRIER
    return -CORE_GAP_COST


def densest_span(weights: list[float]) -> tuple[int, int]:
    """The contiguous run with the largest total weight, as (start, end) with end exclusive;
    (0, 0) when no weight is positive."""
    best, best_span = 0.0, (0, 0)
    total, start = 0.0, 0
    for index, weight in enumerate(weights):
        if total <= 0:
            total, start = 0.0, index
        total += weight
        if total > best:
            best, best_span = total, (start, index + 1)
    return best_span


def best_reach(weights: list[float]) -> int:
    """How many of the weights, taken in order, to add for the largest running total."""
    best, reach, total = 0.0, 0, 0.0
    for index, weight in enumerate(weights):
        total += weight
        if total > best:
            best, reach = total, index + 1
    return reach


def comments_start(lines: list[str], kinds: list[str]) -> int:
    """Index of the comments heading that closes the article, or len(lines). A comments link
    can also sit in the page header, so it only counts once some article prose came first."""
    if COMMENTS not in kinds:  # most pages: one C-level scan instead of a loop over the lines
        return len(lines)
    prose_lines, prose_words = 0, 0.0
    for index, kind in enumerate(kinds):
        if kind == COMMENTS and prose_lines >= 2 and prose_words >= 50:
            return index
        if kind == PROSE:
            prose_lines += 1
            prose_words += word_count(lines[index])
    return len(lines)


def may_hold_cjk(text: str) -> bool:
    """False when no word of the text holds a Japanese or Chinese character."""
    return not text.isascii() and CJK_CHAR.search(text) is not None


def word_stems(words: set[str], cjk_possible: bool) -> frozenset[str]:
    """Crude stems of the content words among lowercase words: the first five letters of each
    word that is not a function word, or character pairs for Japanese and Chinese, which have no
    spaces. The stems of a set of words are the union of the stems of each word."""
    if not cjk_possible:  # one test for all the words, not one a word
        return frozenset({word[:5] for word in words.difference(ALL_STOP_WORDS)
                          if len(word) > 2 and not word.isdigit()})
    stems = set()
    for word in words:
        if CJK_CHAR.search(word):
            stems.update(word[i:i + 2] for i in range(len(word) - 1))
        elif len(word) > 2 and not word.isdigit() and word not in ALL_STOP_WORDS:
            stems.add(word[:5])
    return frozenset(stems)


@lru_cache(maxsize=1024)
def topic_stems(line: str) -> frozenset[str]:
    """The stems (word_stems) of the words of a line. (Cached: the body finder asks again for
    lines it compares more than once.)"""
    return word_stems(set(lower_words(line)), may_hold_cjk(line))


def topic_vocabulary(lines: list[str]) -> frozenset[str]:
    """The stems of all the lines: those of the words they hold between them, stemmed once
    each (the lines of an article share most of their words)."""
    return word_stems(set().union(*map(lower_words, lines)), any(map(may_hold_cjk, lines)))


def coherence(line: str, vocabulary: frozenset[str]) -> float:
    """Share of a line's content stems that the article core also uses. Text that continues the
    article talks about the same things; teasers for other stories do not."""
    stems = topic_stems(line)
    return len(stems & vocabulary) / len(stems) if stems else 0.5


# Prose outside the core counts in full only when it shares the core's topic.
COHERENT = 0.35
CONTINUES_TOPIC = 0.2
LISTING_LOOKAHEAD = 8


def heading_ends_article(lines: list[str], kinds: list[str], heading: int, stop: int,
                         core_coherence: Callable[[str], float]) -> bool:
    """Whether a block heading below the core closes the article. A short "related" box inside
    the article is followed by more prose on the same topic; a closing block runs on into
    other stories, often with their dates, or into comments. `core_coherence` is the coherence
    of a line with the core."""
    for index in range(heading + 1, min(stop, heading + 1 + LISTING_LOOKAHEAD)):
        if kinds[index] in (DATELINE, COMMENTS):
            return True
        if kinds[index] == PROSE:
            return core_coherence(lines[index]) < CONTINUES_TOPIC
    return True


def find_body(lines: list[str], kinds: list[str]) -> tuple[int, int]:
    """The article body as a span of lines, (start, end) with end exclusive. The core is the
    densest run of prose; it grows to either side while the lines gained outweigh the lines
    crossed, prose counting by how well it matches the topic of the core and the page title.
    Going down, growth stops at a block heading that closes the article ("More from ...",
    "Tags", other stories) and at the comments."""
    stop = comments_start(lines, kinds)
    core_start, core_end = densest_span(
        [core_weight(line, kind) for line, kind in zip(lines[:stop], kinds[:stop])])
    if core_start == core_end:
        return 0, 0

    # The vocabulary is made when first asked for: many pages have no prose outside the core to
    # compare. (Kept in a list rather than behind functools.cache, whose wrapper costs more to
    # make, once per page, than the lookups it serves.)
    made: list[frozenset[str]] = []

    def core_coherence(line: str) -> float:
        if not made:
            made.append(topic_vocabulary(lines[core_start:core_end] + lines[:1]))
        return coherence(line, made[0])

    def grow_weight(index: int) -> float:
        weight = soft_weight(lines[index], kinds[index])
        if kinds[index] == PROSE:
            weight *= min(1.0, core_coherence(lines[index]) / COHERENT)
        return weight

    below = []
    for index in range(core_end, stop):
        if kinds[index] == HEADING and heading_ends_article(lines, kinds, index, stop,
                                                           core_coherence):
            break
        below.append(grow_weight(index))
    end = core_end + best_reach(below)
    above = []
    for index in range(core_start - 1, -1, -1):
        if kinds[index] == COMMENTS:
            break
        above.append(grow_weight(index))
    start = core_start - best_reach(above)
    return start, end


def body_lines(lines: list[str], kinds: list[str], start: int, end: int) -> list[str]:
    """The lines of the body span minus furniture, captions and embedded "related" blocks."""
    kept = []
    index = start
    while index < end:
        line, kind = lines[index], kinds[index]
        if kind == HEADING:
            # Skip the heading and the list of links under it, up to the next prose line.
            index += 1
            while index < end and kinds[index] != PROSE:
                index += 1
            continue
        if kind in (PROSE, SHORT, ITEM, LINK):
            kept.append(line)
        index += 1
    return kept


def text_lines(text: str) -> list[str]:
    return list(filter(None, normalise_text(text).split("\n")))


# --------------------------------------------------------------------------------------------
# Metadata lifted from the lines around the body of scraped text
# --------------------------------------------------------------------------------------------

# Separators between a page title and the site name: "Headline - Site", "Headline | Site".
TITLE_SEPARATOR = re.compile(r"\s+(?:[|\-–—:»·•]|::)\s+")
# The marks of TITLE_SEPARATOR: a search for one rules it out for most headlines at a fraction of
# the cost (the separator pattern tries every run of spaces).
TITLE_SEPARATOR_MARK = re.compile(r"[|\-–—:»·•]")
SITE_NAME_WORDS = 6
# Breadcrumb separators: "Home » News » Story", "Home > World".
BREADCRUMB_SEPARATOR = re.compile(r"\s*(?:»|›|>|/|\||→)\s*")
# The marks of BREADCRUMB_SEPARATOR: a line without one is not split, and ruling the pattern out
# by a search for one costs a fifth of a split (which tries a match at every character).
BREADCRUMB_MARK = re.compile(r"[»›>/|→]")
HOME_WORDS = frozenset("""home homepage start inicio início accueil startseite главная головна
    首页 홈 ホーム""".split())
SECTION_LABEL = re.compile(
    r"^(?:filed under|section|category|categories|rubrik|rubrique|sección|sezione|рубрика)\b"
    r"\s*:?\s*(.*)$", re.IGNORECASE)
PUBLISHED_LABEL = re.compile(
    r"\b(?:published|posted|first published|created|veröffentlicht|publié|publicado|pubblicato|"
    r"опубликовано|기사입력|입력)\b", re.IGNORECASE)


# The lowercase words of a text, under a short name: the cached function itself, as a wrapper
# would cost a Python call for each of the lines compared with the title.
_words = lower_words


def split_page_title(first_line: str, header: list[str]) -> tuple[str, str | None]:
    """("Headline", "Site") from a browser title such as "Headline - Site" or "Site | Headline".
    A part the page repeats as a line of its own, nearest the body, is the headline; otherwise
    the site name is the short part at the end (or at the start)."""
    parts = [part for part in TITLE_SEPARATOR.split(first_line) if part]
    if parts and _is_home(parts[0]):
        # A breadcrumb, not a browser title: "Home » Section » Headline" ends with the headline
        # and names no site (the middle parts are sections).
        return (parts[-1], None) if len(parts) > 1 else (first_line, None)
    if not parts:
        return first_line, None
    if len(parts) == 1:
        return parts[0], None
    shown = {" ".join(_words(line)): index for index, line in enumerate(header)}
    if " ".join(_words(first_line)) in shown:  # the separator belongs to the headline
        return first_line, None
    longest = max(parts, key=len)
    repeated = [part for part in parts if " ".join(_words(part)) in shown
                and (word_count(part) >= 4 or part == longest)]
    if repeated:
        title = max(repeated, key=lambda part: shown[" ".join(_words(part))])
        others = [part for part in parts if part is not title]
        return title, (others[-1] if parts[-1] is not title else others[0])
    if word_count(parts[-1]) <= SITE_NAME_WORDS:
        return max(parts[:-1], key=len), parts[-1]
    if word_count(parts[0]) <= SITE_NAME_WORDS:
        return max(parts[1:], key=len), parts[0]
    return first_line, None


def _contains(outer: list[str], inner: list[str]) -> bool:
    """Whether the word list `inner` occurs as a contiguous run in `outer`. (Words hold no
    spaces: joined with one, and a space added at either end, they match only whole.)"""
    return len(inner) > 0 and f" {' '.join(inner)} " in f" {' '.join(outer)} "


TITLE_KINDS = (SHORT, REPEAT, PROSE)
MAX_TITLE_WORDS = 40


# The headline can open the body span when it reads like a sentence ("...？"), so the search
# for it looks a few lines into the body as well.
HEADLINE_REACH = 3


def find_title(lines: list[str], kinds: list[str], body_start: int) -> tuple[str | None,
                                                                              str | None]:
    """(title, site name). The headline shown on the page is preferred to the browser title:
    the header line nearest the body that is the title part of the browser title, else one
    that is contained in the browser title or contains its title part."""
    if not lines or body_start == 0 or word_count(lines[0]) > MAX_TITLE_WORDS:
        return None, None  # the page opens with its body: there is no title line
    header = lines[1:body_start + HEADLINE_REACH]
    title_part, site = split_page_title(lines[0], header)
    first_words, part_words = _words(lines[0]), _words(title_part)
    site_words = _words(site or "")
    exact, close = None, None
    for line, kind in zip(header, kinds[1:body_start + HEADLINE_REACH]):
        words = _words(line)
        if kind not in TITLE_KINDS or not 3 <= len(words) <= MAX_TITLE_WORDS or \
                words == site_words:
            continue
        if words != part_words and TITLE_SEPARATOR_MARK.search(line) and \
                TITLE_SEPARATOR.search(line):
            continue  # "Business | Headline": a section label and the headline
        if words == part_words:
            exact = line
        elif _contains(first_words, words) or _contains(words, part_words):
            close = line
    return exact or close or title_part or None, site


def find_author(lines: list[str], kinds: list[str], body_start: int) -> str | None:
    """The author named by the byline nearest the start of the body."""
    bylines = [index for index, kind in enumerate(kinds) if kind == BYLINE]
    if not bylines:
        return None
    nearest = min(bylines, key=lambda index: (abs(index - body_start), index > body_start))
    return byline_author(lines[nearest])


def find_published(header: list[str], rest: list[str]) -> str | None:
    """The publication date: a date the header labels as published, else the first date in the
    header, else a "Published ..." line anywhere else on the page."""
    # find_date first: it is cached, and most lines hold no date.
    labelled = [line for line in header if find_date(line) and PUBLISHED_LABEL.search(line)]
    if labelled:
        return find_date(labelled[0])
    for line in header:
        if word_count(line) <= 20:
            found = find_date(line)
            if found:
                return found
    for line in rest:
        if word_count(line) <= 20 and find_date(line) and PUBLISHED_LABEL.search(line):
            return find_date(line)
    return None


def _is_home(text: str) -> bool:
    return text.strip().lower() in HOME_WORDS


def breadcrumb_parts(line: str) -> list[str]:
    """The parts of a breadcrumb ("Home » World » Story"): the line without its separators."""
    if not BREADCRUMB_MARK.search(line):
        return [line] if line else []
    return [part for part in BREADCRUMB_SEPARATOR.split(line) if part]


def find_section(header: list[str], title: str | None) -> str | None:
    """The section of the site the article sits in, from a breadcrumb ("Home » World »
    Story", or one item a line: "Home", "World", "Story") or a "Filed under:" label."""
    title_words = _words(title or "")
    for index, line in enumerate(header):
        label = SECTION_LABEL.match(line)
        if label:
            value = label.group(1) or (header[index + 1] if index + 1 < len(header) else "")
            if value and word_count(value) <= 6:
                return value
        parts = breadcrumb_parts(line)
        if len(parts) >= 2 and word_count(line) <= 40 and (
                _is_home(parts[0]) or _words(parts[-1]) == title_words):
            inner = [part for part in parts if not _is_home(part)
                     and _words(part) != title_words]
            if inner and word_count(inner[-1]) <= 6:
                return inner[-1]
        if _is_home(line):
            # A breadcrumb with one item per line ends at the headline.
            trail = []
            for item in header[index + 1:index + 6]:
                if _words(item) == title_words:
                    return trail[-1] if trail else None
                if word_count(item) > 6:
                    break
                trail.append(item)
    return None


# Script of the letters that dominate a text, and the language each implies.
SCRIPT_LANGUAGES = [
    (re.compile(r"[\uac00-\ud7af]"), "ko"),
    (re.compile(r"[\u3040-\u30ff]"), "ja"),
    (re.compile(r"[\u4e00-\u9fff]"), "zh"),
    (re.compile(r"[іїєґІЇЄҐ]"), "uk"),
    (re.compile(r"[\u0400-\u04ff]"), "ru"),
    (re.compile(r"[\u0600-\u06ff]"), "ar"),
    (re.compile(r"[\u0590-\u05ff]"), "he"),
    (re.compile(r"[\u0370-\u03ff]"), "el"),
    (re.compile(r"[\u0900-\u097f]"), "hi"),
    (re.compile(r"[\u0e00-\u0e7f]"), "th"),
]
# All the scripts in one character class: a class is one table lookup a character, where an
# alternation of classes is tried branch by branch.
ANY_SCRIPT = re.compile("[" + "".join(pattern.pattern[1:-1] for pattern, _ in SCRIPT_LANGUAGES)
                        + "]")
MIN_STOP_WORD_HITS = 3


def script_language(sample: str) -> str | None:
    """The language implied by the script of the letters that dominate a sample with letters,
    None for Latin script."""
    if is_latin1(sample) or not ANY_SCRIPT.search(sample):
        return None  # most text: without a letter of these scripts no test fires
    letters = len(LETTER.findall(sample))
    # One pass decides whether any script test can fire (none can below the lowest threshold).
    if len(ANY_SCRIPT.findall(sample)) > 0.005 * letters:
        for pattern, language in SCRIPT_LANGUAGES:
            share = len(pattern.findall(sample)) / letters
            # Japanese mixes kana into Han text; Ukrainian differs from Russian by a few letters.
            if share > (0.005 if language in ("ja", "uk") else 0.2):
                return language
    return None


def guess_language(text: str) -> str | None:
    """ISO 639-1 code from the script, or for Latin script from the function words used."""
    sample = text[:2000]  # a few paragraphs tell the script and the function words
    if not LETTER.search(sample):
        return None
    language = script_language(sample)
    if language:
        return language
    # The words of the sample, lowercased, paragraph by paragraph: the body's lines were taken
    # apart already (lower_words is cached), and no word runs across a line break.
    words = chain.from_iterable(map(lower_words, sample.split("\n")))
    counts = Counter(filter(ALL_STOP_WORDS.__contains__, words))  # only function words count
    hits = dict.fromkeys(STOP_WORDS, 0)
    for word, count in counts.items():
        for language in STOP_WORD_LANGUAGES[word]:
            hits[language] += count
    best = max(hits, key=hits.get)
    return best if hits[best] >= MIN_STOP_WORD_HITS else None


def extract_text(text: str) -> dict:
    """Article body and metadata of scraped plain text; "text" is "" when no article is found."""
    lines = text_lines(text)
    kinds = classify_lines(lines)
    start, end = find_body(lines, kinds)
    title, site_name = find_title(lines, kinds, start)
    title_words = _words(title or "")
    # The headline repeated at the top of the body is the title, not body text.
    body = paragraphs_text([line for line in body_lines(lines, kinds, start, end)
                            if _words(line) != title_words])
    if not body:
        return empty_record()
    header = lines[:start]
    url = next((line for line in header if URL_ONLY.match(line)), None)
    return {
        "text": body,
        "title": title,
        "author": find_author(lines[:end], kinds[:end], start),
        # Bylines and datelines inside the body span were dropped from the text; their dates
        # still count as the header's.
        "published": find_published(
            header + [line for line, kind in zip(lines[start:end], kinds[start:end])
                      if kind in (BYLINE, DATELINE)], lines[end:]),
        "site_name": site_name,
        "url": url,
        "language": guess_language(body),
        # The first line is a browser title unless it is a breadcrumb starting at "Home" (only
        # its first part is asked for: the split stops at the first separator).
        "section": find_section(header if header and _is_home(
                                    BREADCRUMB_SEPARATOR.split(header[0], maxsplit=1)[0])
                                else header[1:], title),
    }


def empty_record() -> dict:
    return {"text": "", "title": None, "author": None, "published": None, "site_name": None,
            "url": None, "language": None, "section": None}


def text_body(text: str) -> str:
    """The article body of scraped plain text, paragraphs separated by a blank line."""
    return extract_text(text)["text"]


# --------------------------------------------------------------------------------------------
# HTML pages
# --------------------------------------------------------------------------------------------

# Main-text extraction settings. Comments are not the article; tables stay (scores, results,
# figures are article content). The fallback extractors stay on: they rescue pages whose
# markup trafilatura's own rules do not recognise. Nothing here fetches anything: the page is
# given as a string and the URL only informs metadata.
TRAFILATURA_OPTIONS = {
    "include_comments": False,
    "include_tables": True,
    "include_images": False,
    "include_links": False,
    "favor_precision": False,
    "favor_recall": False,
    "deduplicate": False,
    "with_metadata": True,
}
HTML_LANG = re.compile(r"<html\b[^>]*?\blang\s*=\s*[\"']?([A-Za-z]{2,3})(?:[-_][A-Za-z0-9]+)?",
                       re.IGNORECASE)


def declared_language(html: str) -> str | None:
    """The primary language subtag of <html lang="...">."""
    match = HTML_LANG.search(html[:20000])
    return match.group(1).lower() if match else None


def filter_extracted(text: str) -> list[str]:
    """Lines of trafilatura's output minus furniture and captions it let through."""
    lines = text_lines(text)
    kinds = classify_lines(lines)
    return [line for line, kind in zip(lines, kinds) if kind not in (FURNITURE, CAPTION)]


def _optional(value) -> str | None:
    if value is None:
        return None
    value = normalise_text(str(value))
    return value or None


def strip_site_name(title: str | None, site_name: str | None) -> str | None:
    """"Headline - Site" becomes "Headline" when the site name is known."""
    if not title or not site_name:
        return title
    parts = TITLE_SEPARATOR.split(title)
    if len(parts) > 1 and _words(parts[-1]) == _words(site_name):
        return title[:title.rfind(parts[-1])].rstrip(" |-–—:»·•")
    return title


def extract_html(html: str, url: str | None = None) -> dict:
    """Article body and metadata of a web page; "text" is "" when no article is found."""
    if not html or not html.strip():
        return empty_record()
    # Imported here: it takes a third of a second, and corpora of scraped text never need it
    # (every worker process would pay it at start).
    import trafilatura

    try:
        document = trafilatura.bare_extraction(html, url=url, **TRAFILATURA_OPTIONS)
    except (ValueError, TypeError, AttributeError):  # unparsable markup
        document = None
    if document is None:
        return empty_record()
    site_name = _optional(document.sitename)
    title = strip_site_name(_optional(document.title), site_name)
    title_words = _words(title or "")
    body = paragraphs_text([line for line in filter_extracted(document.text or "")
                            if _words(line) != title_words])
    if not body:
        return empty_record()
    categories = [category for category in (document.categories or []) if category]
    published = _optional(document.date)
    return {
        "text": body,
        "title": title,
        "author": _optional(document.author),
        "published": published[:10] if published and find_date(published) else published,
        "site_name": site_name,
        # The address the caller fetched is the record's source; the page's own canonical
        # address is the fallback.
        "url": url or _optional(document.url),
        "language": declared_language(html) or guess_language(body),
        "section": _optional(categories[0]) if categories else None,
    }


def html_body(html: str, url: str | None = None) -> str:
    """The main article text of a web page, paragraphs separated by a blank line."""
    return extract_html(html, url=url)["text"]
