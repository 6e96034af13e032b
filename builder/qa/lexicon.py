"""Small hand-written word lists the rule-based generators lean on.

No tagger is available offline, so the generators recognise verbs, auxiliaries and count nouns
from these lists. They are deliberately closed lists: a word we do not know makes a generator
skip a sentence rather than guess, because a skipped sentence costs less than a broken question.
"""

FUNCTION_WORDS = frozenset("""
a an the this that these those its his her their our my your some any each every no all both
and or but nor so yet if then than as of in on at by for from to with without into onto over
under about after before since until during between among against through across within upon
it he she they we you i me him them us who whom whose which what when where why how there here
is are was were be been being has have had do does did will would shall should can could may
might must not also just only still even already now very more most much many such own same
""".split())

# Words that open a sentence but are not part of its subject; they are dropped before parsing.
LEADING_CONNECTORS = frozenset("""
but and so yet however meanwhile also still now instead indeed moreover separately overall
nevertheless nonetheless furthermore besides then later earlier previously elsewhere
""".split())

SUBORDINATORS = frozenset("""
if when while although though because as since after before unless until whether where once
whereas despite with without following according
""".split())

PREPOSITIONS = frozenset("""
in on at by for from to with of into over under about after before since until during between
among against through across within near around towards toward via per than like amid behind
beyond despite following including outside inside onto upon without throughout alongside
till except
""".split())

MODALS = frozenset("will would can could may might shall should must".split())
BE_FORMS = {"is": "is", "are": "are", "was": "was", "were": "were"}
HAVE_FORMS = {"has": "has", "have": "have", "had": "had"}
DO_FORMS = {"does": "does", "do": "do", "did": "did"}
FINITE_AUX = frozenset(list(MODALS) + list(BE_FORMS) + list(HAVE_FORMS) + list(DO_FORMS))

# Adverbs that may sit between a subject and its verb ("The firm also said").
PRE_VERB_ADVERBS = frozenset("""
also still now already recently later previously then only just finally eventually reportedly
currently initially originally subsequently once never often always quickly immediately first
""".split())

PRONOUN_SUBJECTS = frozenset("it he she they we i you this that there these those one".split())
PLURAL_PRONOUNS = frozenset("they we you i these those".split())

# Irregular past-tense forms -> lemma. Only forms that are not also common nouns/adjectives.
IRREGULAR_PAST = {
    "said": "say", "told": "tell", "rose": "rise", "fell": "fall", "grew": "grow", "won": "win",
    "lost": "lose", "took": "take", "made": "make", "gave": "give", "went": "go", "came": "come",
    "saw": "see", "became": "become", "began": "begin", "brought": "bring", "bought": "buy",
    "sold": "sell", "paid": "pay", "left": "leave", "held": "hold", "kept": "keep",
    "found": "find", "thought": "think", "ran": "run", "led": "lead", "met": "meet",
    "spent": "spend", "sent": "send", "built": "build", "struck": "strike", "stood": "stand",
    "wrote": "write", "drove": "drive", "broke": "break", "chose": "choose", "spoke": "speak",
    "knew": "know", "felt": "feel", "heard": "hear", "meant": "mean", "fought": "fight",
    "caught": "catch", "taught": "teach", "sought": "seek", "threw": "throw", "flew": "fly",
    "swept": "sweep", "slid": "slide", "sank": "sink", "shrank": "shrink", "withdrew": "withdraw",
    "overtook": "overtake", "undertook": "undertake", "drew": "draw", "sang": "sing",
    "shot": "shoot", "fled": "flee", "forgot": "forget", "froze": "freeze", "got": "get",
    "rode": "ride", "shook": "shake", "stole": "steal", "swore": "swear", "understood": "understand",
    "upheld": "uphold", "overcame": "overcome", "lent": "lend", "dealt": "deal", "wore": "wear",
    "beat": "beat", "hit": "hit", "cut": "cut", "quit": "quit", "split": "split", "spread": "spread",
    "shut": "shut", "bid": "bid", "forecast": "forecast", "slept": "sleep", "fed": "feed",
    "hung": "hang", "rang": "ring", "tore": "tear", "woke": "wake", "withheld": "withhold",
    "outsold": "outsell", "oversaw": "oversee", "foresaw": "foresee", "bore": "bear",
    "underwent": "undergo", "forgave": "forgive", "mistook": "mistake", "strode": "stride",
    "sprang": "spring", "stuck": "stick", "sat": "sit", "lay": "lie", "ate": "eat", "drank": "drink",
    "swam": "swim", "hid": "hide", "bled": "bleed", "bent": "bend", "clung": "cling",
    "shed": "shed", "sped": "speed", "spun": "spin", "wound": "wind",
    "leapt": "leap", "crept": "creep", "knelt": "kneel", "burnt": "burn", "learnt": "learn",
    "dreamt": "dream", "spilt": "spill", "soared": "soar", "slew": "slay", "foretold": "foretell",
}

# Participles of irregular verbs (for passives) -> simple past form.
IRREGULAR_PARTICIPLE_TO_PAST = {
    "written": "wrote", "taken": "took", "given": "gave", "made": "made", "bought": "bought",
    "sold": "sold", "won": "won", "beaten": "beat", "seen": "saw", "chosen": "chose",
    "drawn": "drew", "driven": "drove", "shown": "showed", "known": "knew", "held": "held",
    "led": "led", "built": "built", "paid": "paid", "sent": "sent", "found": "found",
    "brought": "brought", "caught": "caught", "struck": "struck", "told": "told", "spent": "spent",
    "run": "ran", "hit": "hit", "kept": "kept", "thrown": "threw", "stolen": "stole",
    "broken": "broke", "spoken": "spoke", "sung": "sang", "shot": "shot", "overtaken": "overtook",
    "undertaken": "undertook", "awarded": "awarded", "beat": "beat", "forecast": "forecast",
    "cut": "cut", "set": "set", "put": "put", "left": "left", "met": "met", "sought": "sought",
    "taught": "taught", "fought": "fought", "overseen": "oversaw", "ridden": "rode",
    "withdrawn": "withdrew", "frozen": "froze", "shaken": "shook", "hidden": "hid", "eaten": "ate",
    "understood": "understood", "upheld": "upheld", "lent": "lent", "dealt": "dealt",
}

# Regular verbs common in news (lemmas). Used to recover a lemma from an -ed/-s form.
REGULAR_VERBS = frozenset("""anger applaud axe challenge confront declare deprive detain diagnose dub evacuate explode frustrate hail
infect inject liken portray provoke realise realize reiterate rob sideline slam vow weaken wreck

accept accuse achieve acquire act add admit adopt affect agree aim allow announce appeal appear
apply appoint approve argue arrest arrive ask attack attempt attend attract back ban base battle
believe benefit block boost borrow call campaign cancel capture celebrate change charge check
claim clear climb close collapse combine comment complete confirm consider contain continue
control convict cost count cover create criticise criticize cross damage deny decide decline
defend defeat delay deliver demand describe design destroy develop die disappoint discover
dismiss double drop earn ease edge employ end enjoy ensure enter escape establish estimate
expand expect explain export extend face fail fear feature file finish fire fix focus follow
force form found fund gain generate grant guarantee halt handle happen head help hire hope host
identify ignore import improve include increase indicate insist install introduce invest
investigate invite involve issue join jump kill label land last launch leak list look manage
mark match merge miss move name need note notch oppose order outline own pass perform pick plan
play plead plunge post praise predict prefer prepare present press prevent produce promise
propose prove provide publish pull purchase push qualify question raise rate reach react receive
record recover reduce refuse regain reject release rely remain remove rename renew repeat
replace report represent require rescue resign respond restore result retain retire return
reveal review rise rule sack save score secure seek seem serve settle share shift sign signal
slip slump soar spark stage start state step stop store suffer suggest supply support surge
suspend target test threaten top total trade train transfer travel treat trigger try turn urge
use value vote wait want warn watch welcome work worry show live
abandon accelerate access accommodate accompany account accumulate acknowledge adapt address
adjust administer admire advance advertise advise advocate afford age alert allege allocate
alter amend amount analyse anticipate apologise appreciate approach arrange assess assist
assume assure attach attribute audit authorise avoid await award balance bar bear beg behave
blame boast bounce brand breach brief broadcast broaden browse bury buy calculate cap care
carry cast cause caution cease chair champion channel chase cheer cite clarify classify clean
coach collect commission commit compare compensate compete compile complain comply compose
concede conceive concern conclude condemn conduct connect consult consume contact contemplate
contest contract contribute convert convince cook cooperate co-operate copy correct counter
crash crawl credit cure cycle dare date deal debate debut decrease dedicate defer define
delete delight demonstrate depart depend deploy deposit derive deserve desire detail detect
determine devote dictate differ dip direct disclose discount discuss display dispute distribute
divide dominate donate download draft dream dress drink drown dump echo edit educate elect
eliminate embark embrace emerge emphasise enable encounter encourage endorse enforce engage
enhance enquire enrol entertain equal evaluate evolve examine exceed exchange exclude execute
exercise exhibit exist exit expire exploit explore expose express extract facilitate fade
favour feed fetch fight figure fill film finance fit flag flee float flood flow fly fold
forecast forge forgive format foster frame free freeze fuel function gather gaze govern grab
graduate greet guess guide halve hamper hand hang harm hate heal hear heat hike hint hit hold
honour house hurt illustrate imagine impact implement imply impose impress imprison incur
indict induce inflate influence inform inherit initiate injure innovate inspect inspire
insure integrate intend intensify interest interpret intervene interview invade invent
isolate jail joke judge justify kick knock lack lag last laugh lay lean learn lease lend
license lift like limit link listen load loan lobby locate lock lodge log love lower maintain
mandate manufacture map market master matter measure meet mention mind mirror mix model
monitor motivate mount multiply negotiate net nominate notice notify object oblige observe
obtain occupy occur offer offset open operate opt organise organize outperform overcome
overhaul overturn owe pack paint park participate partner patent pause peak penalise permit
persuade phone pile pilot place plant pledge plot point poll pose position possess postpone
pour practise precede preserve preside price print prioritise privatise proceed process
proclaim profit progress prohibit project prolong promote prompt pronounce prosecute protect
protest pump punish pursue quote race rally rank rebound recall recognise recommend reconsider
recruit redeem refer reflect reform refund register regret regulate reinforce relate relax
relieve relocate remark remember remind render rent reopen repair repay reply request resemble
reserve reshape reside resist resolve resort respect rest restrict restructure resume retreat
revise revive reward ring risk roll rush sack sample sanction satisfy scale scan schedule
scrap screen search seize select separate sequence shape shed shock shoot shout shrink shut
sign simplify sing sink sit size ski slash slow smoke soften solve sort sound spark speculate
speed spell split sponsor spread spur squeeze stabilise stall stand star stay steer stem
stimulate strengthen stress stretch strike strip struggle study submit subscribe succeed sue
suit summon surpass surprise surrender survey survive suspect sustain swap sweep switch
tackle talk tap tax team tell tempt tend terminate thank thrive tie tighten tip tolerate tour
track trail transform translate trap trial triple trust tumble undergo undermine underline
undertake unite unveil update upgrade uphold urge utilise vary veto view visit voice volunteer
walk wander wear weigh widen win wipe wish withdraw witness wonder wrap yield
""".split())

# Verbs whose object is a clause reported by the subject: their clause is questioned on its own.
REPORTING_VERBS = frozenset("""
say tell add warn claim announce confirm reveal report believe think expect insist argue admit
suggest predict state explain estimate note fear hope deny indicate
""".split())

# Verbs of change: a percentage or amount after them is asked with "By how much".
CHANGE_VERBS = frozenset("""
rise fall grow jump drop increase decrease decline slump climb gain lose soar plunge surge slip
edge fell cut raise boost reduce shrink slide sink tumble dip rally expand contract double
""".split())

# Count nouns that make "How many <noun>" natural.
COUNT_UNITS = frozenset("""
people jobs workers employees staff users customers subscribers members fans viewers visitors
passengers votes seats goals points tries wickets runs matches games wins titles medals copies
units cars vehicles homes houses stores shops branches plants factories sites cases deaths
victims children students pupils patients soldiers troops players songs albums films singles
awards nominations countries companies firms banks flights tickets barrels tonnes tons
kilometres km miles metres meters hectares acres shares downloads sales calls emails messages
websites computers phones handsets machines units copies episodes nations states cities towns
""".split())

MEASURE_UNITS = frozenset("barrels tonnes tons kilometres km miles metres meters hectares acres".split())

TIME_UNITS = frozenset("second seconds minute minutes hour hours day days week weeks month months year years decade decades".split())

NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20,
    "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
    "hundred": 100, "dozen": 12, "hundreds": 100, "thousands": 1000,
}

MONTHS = ("January February March April May June July August September October November "
          "December").split()
WEEKDAYS = "Monday Tuesday Wednesday Thursday Friday Saturday Sunday".split()

# Role nouns: they mark appositives ("X, Nvidia's chief executive,") and person cues.
ROLE_WORDS = frozenset("""
executive chief boss chairman chairwoman chair president minister secretary chancellor director
manager head founder spokesman spokeswoman spokesperson analyst economist editor leader
governor senator mayor judge coach captain striker midfielder defender goalkeeper player
singer actor actress star presenter producer author writer rapper musician guitarist drummer
designer analyst officer commissioner ambassador chancellor prosecutor lawyer owner partner
member deputy mp correspondent reporter chef champion winner veteran rival colleague
vice-president vice-chairman premier ceo cfo dj host teammate team-mate frontman vocalist
""".split())

PERSON_TITLES = frozenset("""
mr mrs ms miss dr sir lord lady dame prof professor president premier chancellor senator
governor judge king queen prince princess pope rev reverend father sister coach
""".split())

ORG_SUFFIXES = frozenset("""
inc inc. ltd ltd. plc corp corp. corporation company co co. group holdings bank airlines airways
association council party union commission authority agency ministry department university
college institute foundation federation league board committee office service services trust
fund motors industries international records studios pictures entertainment networks
communications systems technologies electronics telecom media press news times post journal
club fc united city rovers athletic wanderers academy court parliament assembly society
organisation organization
""".split())

# Nouns that introduce an organisation name ("search engine Google", "the firm Yukos").
ORG_CUES = frozenset("""
firm company group giant rival retailer carmaker bank airline operator maker broadcaster
network publisher label studio club side team party chain brand insurer lender supermarket
""".split())

CAUSE_MARKERS = ("because of", "due to", "thanks to", "as a result of", "because")
