"""Word lists for the suggestion rules (English news prose). Small, hand-kept and in one place, so
that a wrong suggestion is fixed by editing a list, not a rule."""

from __future__ import annotations


def _words(text: str) -> frozenset[str]:
    """A set from a block of words separated by spaces ('_' stands for a space inside a name)."""
    return frozenset(w.replace("_", " ") for w in text.split())


COUNTRIES = _words(
    """
    Afghanistan Albania Algeria America Andorra Angola Argentina Armenia Australia Austria Azerbaijan
    Bahamas Bahrain Bangladesh Barbados Belarus Belarussia Belgium Belize Benin Bhutan Bolivia Bosnia
    Botswana Brazil Britain Brunei Bulgaria Burundi Cambodia Cameroon Canada Chad Chile China Colombia
    Comoros Congo Costa_Rica Croatia Cuba Cyprus Czech_Republic Czechia Denmark Djibouti Dominica
    Dominican_Republic Ecuador Egypt El_Salvador Eritrea Estonia Eswatini Ethiopia Fiji Finland France
    Gabon Gambia Georgia Germany Ghana Greece Grenada Guatemala Guinea Guyana Haiti Honduras Hungary
    Iceland India Indonesia Iran Iraq Ireland Israel Italy Ivory_Coast Jamaica Japan Jordan Kazakhstan
    Kenya Kiribati Kosovo Kuwait Kyrgyzstan Laos Latvia Lebanon Lesotho Liberia Libya Liechtenstein
    Lithuania Luxembourg Madagascar Malawi Malaysia Maldives Mali Malta Mauritania Mauritius Mexico
    Micronesia Moldova Monaco Mongolia Montenegro Morocco Mozambique Myanmar Namibia Nauru Nepal
    Netherlands New_Zealand Nicaragua Niger Nigeria North_Korea Norway Oman Pakistan Palau Palestine
    Panama Paraguay Peru Philippines Poland Portugal Qatar Romania Russia Rwanda Samoa Saudi_Arabia
    Senegal Serbia Seychelles Singapore Slovakia Slovenia Somalia South_Africa South_Korea South_Sudan
    Spain Sri_Lanka Sudan Suriname Sweden Switzerland Syria Taiwan Tajikistan Tanzania Thailand Togo
    Tonga Tunisia Turkey Turkmenistan Tuvalu U.K. U.S U.S. U.S.A U.S.A. UK US USA Uganda Ukraine
    United_Arab_Emirates United_Kingdom United_States Uruguay Uzbekistan Vanuatu Venezuela Vietnam Yemen
    Zambia Zimbabwe
    """
)

STATE_NAMES = {
    "us": "United States",
    "u.s.": "United States",
    "u.s": "United States",
    "usa": "United States",
    "u.s.a.": "United States",
    "u.s.a": "United States",
    "america": "United States",
    "uk": "United Kingdom",
    "u.k.": "United Kingdom",
    "britain": "United Kingdom",
}
"""Short forms that are the same state; the long form becomes the suggested name."""

DEMONYMS = _words(
    """
    Afghan African Albanian American Arab Argentine Argentinian Armenian Asian Australian Belarusian
    Belarussian Bosnian Brazilian British Canadian Central Chilean Chinese Colombian Croatian Cuban
    Danish Dominican Dutch Eastern Egyptian Emirati Ethiopian European Filipino Finnish French Georgian
    German Greek Guatemalan Haitian Honduran Hungarian Indian Indonesian Iranian Iraqi Irish Israeli
    Italian Japanese Jordanian Kenyan Korean Kurdish Latin Lebanese Libyan Malaysian Mexican Nicaraguan
    Nigerian Norwegian Pakistani Palestinian Peruvian Polish Qatari Romanian Russian Salvadoran
    Salvadorean Saudi Scottish Serbian Spanish Sudanese Swedish Syrian Thai Turkish Ukrainian Venezuelan
    Vietnamese Welsh Western Yemeni
    """
)

TITLES = _words(
    """
    Admiral Ambassador Attorney Captain Chairman Chairwoman Chancellor Chief Col Colonel Commissioner
    Defence Defense Deputy Director Dr Energy Finance Foreign Gen General Governor Governor-elect Health
    Home Homeland Interior Judge Justice King Labor Labour Lady Leader Lord Mayor Minister Mr Mrs Ms
    Pope Premier President President-elect Presidential Press Prime Prince Princess Queen Rep
    Representative Secretary Security Sen Senator Sheriff Sir Spokesman Spokesperson Spokeswoman State
    Trade Vice Former
    Agriculture Culture Education Environment Intelligence Transport Transportation Tourism Economy
    Industry Information Communications Infrastructure Housing
    """
)
"""Capitalised words of a title before a name ('US Secretary of State Antony Blinken')."""

HONORIFICS = _words("Dr Dr. Mr Mr. Mrs Mrs. Ms Ms.")

LOWER_TITLES = _words(
    """
    activist adviser advisor aide ambassador chairman chief commander correspondent counterpart director
    envoy governor journalist lawyer leader mayor minister official premier president reporter secretary
    senator spokesman spokesperson spokeswoman midfielder goalkeeper winger striker defender coach
    manager captain star player
    """
)
"""A lowercase word right before a name that makes it a person ('press secretary Jen Psaki')."""

ORG_CONNECTABLE = _words(
    """
    Agency Association Bank Board Bureau Center Centers Centre Church Commission Committee Control
    Cooperation Council Court Customs Department Development Federation Immigration Institute Kingdom
    League Ministry Office Organisation Organization Republic Secretary Security Union University State
    Agriculture Culture Education Environment Intelligence Transport Transportation Tourism Economy
    Industry Information Communications Infrastructure Housing Justice Defence Defense Interior Health
    """
)
"""Words after which 'of', 'for', 'and' or 'in' continue a name ('Organisation for Security and ...')."""

INSTITUTION_WORDS = _words(
    """
    Administration Agency Army Bundestag Bureau Cabinet Commission Congress Council Court Customs
    Department Duma Elysee Elysée Embassy Government Guard House Kremlin Ministry Navy Office Palace
    Parliament Patrol Pentagon Police Protection Senate
    """
)

ORGANISATION_WORDS = _words(
    """
    Alliance Amnesty Association Bank Center Centers Centre Coalition Committee Company Corporation
    Foundation Fund Inc Institute League Network Organisation Organization Party Project Union
    University Watch State Brotherhood Club FC
    """
)

GROUP_WORDS = _words("Battalion Brigade Forces Group")

MEDIA_WORDS = _words("Daily Gazette Herald Journal News Post Press TV Times Tribune")

MEDIA_NAMES = _words(
    """
    ABC AFP AP Al-Jazeera Axios BBC Bloomberg BuzzFeed CBS CNN Economist Fox Guardian Interfax
    Kommersant MSNBC NBC NPR Politico RIA Reuters TASS Telegraph Vox Xinhua
    """
)

NOT_ACTORS = _words(
    """
    Accord Accords Act Agreement Avenue Charter Convention Day Declaration Doctrine Facebook Instagram
    Law Plan Protocol Road Square Street Treaty Twitter
    """
)
"""A name ending in one of these is a thing, not an actor ('Chemical Weapons Convention')."""

PLACE_PREPOSITIONS = _words("across at from in inside into near outside toward towards")

COMPASS = _words("central east eastern north northern south southern west western")

GROUP_NOUNS = _words(
    """
    army demonstrators fighters forces government migrants military militants officials police
    protesters rebels refugees separatists soldiers troops units
    """
)
"""After a demonym or country: 'Ukrainian forces', 'Russian units', 'pro-Russian separatists'."""

MINISTRY_NOUNS = _words("army embassy government military ministry office parliament police")

WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")

MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)

STOPWORDS = _words(
    """
    a about above according across after afterwards again former against all almost also although always among
    an and another any anyone anything are around as at back be because been before being below besides
    between both but by can cannot could despite did do does doing down during each earlier either else
    even ever every for from further had has have having he her here hers herself him himself his how
    however i if in instead into is it its itself just last later least less many may me meanwhile more
    moreover most much must my neither never nevertheless next no nobody none nor not nothing now of off
    often on once one only or other others otherwise our ours out over overnight perhaps please rather
    same she should since so some someone something sometimes still such than that the their theirs them
    themselves then there therefore these they this those though through thus to today together tomorrow
    too toward under unless until up upon us very was we were what whatever when where whereas whether
    which while who whom whose why will with within without would yesterday yet you your yours yourself
    """
)

GROUP_PLURALS = _words(
    """
    Christians Muslims Jews Sunnis Shias Shiites Kurds Bedouin Copts Islamists Jihadis Catholics
    Protestants Hindus Buddhists Sikhs Arabs Palestinians Israelis Europeans Africans
    """
)
"""A name ending in one of these is a group of people ('Coptic Christians', 'Sufi Muslims')."""

PLACE_NOUNS = _words(
    """
    mosque church cathedral synagogue temple hospital school university airport camp square street
    district province region border crossing city town village valley peninsula desert
    """
)
"""A name right before one of these names a place ('the Al Rawda mosque', 'the Ukraine border')."""

COMPASS_NAMES = _words("North South East West Northern Southern Eastern Western Upper Lower Middle")
"""A name starting with one of these is a region ('North Sinai'), unless it is a state."""
