"""Small gazetteers written for the rule-based generators: places, given names, companies.

They only need to be good enough to type an answer span; anything not listed falls back to
cue words (titles, suffixes, "firm X") or is not asked about at all.
"""

COUNTRIES = frozenset("""
Afghanistan Albania Algeria Argentina Armenia Australia Austria Azerbaijan Bahrain Bangladesh
Belarus Belgium Bolivia Bosnia Botswana Brazil Britain Bulgaria Burma Cambodia Cameroon Canada
Chile China Colombia Congo Croatia Cuba Cyprus Denmark Ecuador Egypt England Eritrea Estonia
Ethiopia Fiji Finland France Georgia Germany Ghana Greece Guatemala Haiti Holland Honduras
Hungary Iceland India Indonesia Iran Iraq Ireland Israel Italy Jamaica Japan Jordan Kazakhstan
Kenya Korea Kosovo Kuwait Latvia Lebanon Liberia Libya Lithuania Luxembourg Macedonia
Madagascar Malawi Malaysia Mali Malta Mexico Moldova Monaco Mongolia Montenegro Morocco
Mozambique Namibia Nepal Netherlands Nicaragua Niger Nigeria Norway Oman Pakistan Palestine
Panama Paraguay Peru Philippines Poland Portugal Qatar Romania Russia Rwanda Scotland Senegal
Serbia Singapore Slovakia Slovenia Somalia Spain Sudan Sweden Switzerland Syria Taiwan
Tanzania Thailand Tunisia Turkey Uganda Ukraine Uruguay Uzbekistan Venezuela Vietnam Wales
Yemen Zambia Zimbabwe UK US USA
""".split()) | frozenset([
    "South Africa", "South Korea", "North Korea", "New Zealand", "Saudi Arabia", "Sri Lanka",
    "United States", "United Kingdom", "Czech Republic", "Ivory Coast", "Northern Ireland",
    "Republic of Ireland", "Hong Kong", "Costa Rica", "El Salvador", "Dominican Republic",
    "United Arab Emirates", "Great Britain", "Trinidad and Tobago", "Sierra Leone",
])

CITIES = frozenset("""
London Paris Berlin Madrid Rome Milan Turin Naples Moscow Tokyo Beijing Shanghai Delhi Mumbai
Bombay Calcutta Karachi Lahore Islamabad Kabul Baghdad Tehran Cairo Jerusalem Dubai Riyadh
Istanbul Ankara Athens Vienna Prague Warsaw Budapest Brussels Amsterdam Rotterdam Geneva Zurich
Basel Lisbon Barcelona Seville Valencia Dublin Belfast Cardiff Edinburgh Glasgow Aberdeen
Manchester Liverpool Leeds Birmingham Bristol Newcastle Sheffield Nottingham Leicester Oxford
Cambridge Brighton Southampton Portsmouth Coventry Sunderland Middlesbrough Bradford Wembley
Twickenham Wimbledon Cheltenham Sydney Melbourne Brisbane Perth Adelaide Auckland Wellington
Toronto Montreal Vancouver Ottawa Chicago Boston Washington Seattle Dallas Houston Atlanta
Miami Detroit Denver Philadelphia Hollywood Stockholm Oslo Copenhagen Helsinki Reykjavik
Frankfurt Munich Hamburg Cologne Stuttgart Lyon Marseille Nice Monaco Bangkok Singapore Jakarta
Manila Seoul Osaka Nairobi Lagos Johannesburg Cape Town Harare Kiev Minsk Tbilisi Baku
Bucharest Sofia Belgrade Zagreb Sarajevo Riga Vilnius Tallinn Doha Abuja Accra Havana Lima
Santiago Bogota Caracas Buenos Aires Davos Cannes Venice Florence Bologna Salzburg Strasbourg
Luxembourg Porto Gothenburg Eindhoven Lille Bordeaux Toulouse Wigan Bolton Blackburn Ipswich
Norwich Reading Swansea Derby Hull Plymouth Exeter Bath Gloucester Leicester Northampton
""".split()) | frozenset([
    "New York", "Los Angeles", "San Francisco", "Las Vegas", "New Orleans", "Hong Kong",
    "New Delhi", "Mexico City", "Rio de Janeiro", "Sao Paulo", "Kuala Lumpur", "Tel Aviv",
    "Buenos Aires", "Cape Town", "Abu Dhabi", "St Petersburg", "Silicon Valley", "Downing Street",
    "Wall Street", "Salt Lake City", "San Diego", "Port Elizabeth",
])

REGIONS = frozenset("""
Europe Asia Africa America Americas Antarctica Arctic Scandinavia Siberia Chechnya Darfur
Kashmir Tibet Gaza Caribbean Balkans Bavaria Catalonia Yorkshire Lancashire Kent Surrey Essex
Sussex Devon Cornwall Cumbria Merseyside Ulster Texas California Florida Ohio Michigan Alaska
Hawaii Nevada Arizona Oregon Virginia Massachusetts Illinois Pennsylvania Quebec Ontario
Queensland Punjab Bengal Tuscany Sicily Sardinia Corsica Normandy Provence Aceh Sumatra Java
Bali Borneo
""".split()) | frozenset([
    "Middle East", "Far East", "Latin America", "South America", "North America",
    "Central America", "Eastern Europe", "Western Europe", "Southeast Asia", "South Asia",
    "East Asia", "West Africa", "East Africa", "North Africa", "Gulf of Mexico", "West Bank",
    "New England", "Persian Gulf", "Pacific", "Atlantic", "Indian Ocean", "the Gulf",
])

PLACES = COUNTRIES | CITIES | REGIONS

# Common given names (English-language news); used to type "<Given> <Surname>" as a person.
GIVEN_NAMES = frozenset("""
Aaron Adam Adrian Alan Albert Alex Alexander Alfred Ali Alice Alison Amanda Amy Andre Andrea
Andrew Andy Angela Ann Anna Anne Anthony Antonio Arnold Arthur Ashley Barbara Barry Ben Benjamin
Bernard Bill Billy Bob Bobby Brad Brian Bruce Bryan Carl Carlos Carol Caroline Catherine
Charles Charlie Charlotte Chris Christian Christine Christopher Claire Clare Colin Craig
Dan Daniel Danny Darren Dave David Dean Debbie Dennis Derek Diana Diane Dominic Don Donald
Doug Douglas Duncan Ed Eddie Edward Elizabeth Ellen Emily Emma Eric Frank Fred Gary Gavin
Geoff Geoffrey George Gerald Gerry Gordon Graham Greg Harry Heather Helen Henry Howard Hugh Ian
Jack Jackie James Jamie Jane Janet Jason Jean Jeff Jennifer Jenny Jeremy Jerry Jessica Jim
Jimmy Joan Joe John Johnny Jon Jonathan Jose Joseph Josh Julia Julian Julie Justin Karen Kate
Katherine Keith Kelly Ken Kenneth Kevin Kim Kirsty Larry Laura Lee Leo Lewis Linda Lisa Louis
Louise Lucy Luis Mandy Marc Marco Margaret Maria Mark Martin Mary Matt Matthew Michael Michelle
Mick Mike Neil Nick Nicola Nicholas Nigel Oliver Pat Patrick Paul Paula Peter Phil Philip
Rachel Ray Richard Rick Rob Robbie Robert Robin Roger Ron Ronald Ronan Ross Roy Russell Ruth
Ryan Sally Sam Samuel Sandra Sarah Scott Sean Sebastian Simon Sophie Stephen Steve Steven Stuart
Sue Susan Thomas Tim Timothy Tom Tommy Tony Tracy Trevor Victoria Vincent Wayne William Vladimir
Gerhard Jacques Silvio Jose Kofi Condoleezza Hillary Dick Colin Ariel Yasser Mahmoud Kenny
Arsene Sven Jose Rafael Roman Mikhail Boris Viktor Yulia Hu Wen Junichiro Lance Serena Venus
Lleyton Roger Andy Tiger Jonny Clive Brian Gavin Rio Thierry Wayne Ruud Alan Harry Juan Pedro
Jens Ole Lars Hans Klaus Dmitry Sergei Ivan Igor Andrei Pierre Jean-Pierre Nicolas Francois
Dominique Marie Paolo Luca Giovanni Francesco Michel Angela Jurgen Rupert Bono Elton Madonna
Kylie Britney Justin Robbie Kanye Eminem Oprah Quentin Steven Martin Leonardo Clint Kevin
""".split())

COMPANIES = frozenset("""
Google Microsoft Apple IBM Intel Nokia Sony Samsung Motorola Yahoo Amazon eBay AOL Dell Oracle
Siemens Philips Toyota Honda Nissan Ford Chrysler Volkswagen BMW Fiat Renault Peugeot Boeing
Airbus Shell BP Exxon ExxonMobil Chevron Gazprom Yukos Rosneft Vodafone Orange BT Virgin
Tesco Sainsbury Asda Walmart Wal-Mart Marks Boots Barclays HSBC Lloyds NatWest Citigroup
Halifax Nestle Unilever Vivendi Disney Pixar Viacom Warner Netflix Nintendo Sega Microsoft
Nvidia Qualcomm Cisco Ericsson Alcatel Lucent Fujitsu Toshiba Hitachi Panasonic Canon Kodak
Xerox Adobe Hewlett-Packard HP Compaq Lenovo Huawei Alibaba Baidu Tencent Skype Napster
iTunes Reuters Bloomberg Glazer Lufthansa Ryanair EasyJet easyJet Alitalia Qantas Emirates
Deutsche Enron WorldCom Parmalat Ahold Deloitte KPMG Accenture Goldman Merrill Morgan Sony
MG Rover Jaguar Vauxhall GM Opel Saab Volvo Porsche Mercedes DaimlerChrysler Fiat Aviva
Prudential Allianz AXA Rentokil Whitbread Hilton Starbucks McDonald's Coca-Cola Pepsi PepsiCo
""".split()) | frozenset([
    "General Motors", "Time Warner", "Warner Bros", "Warner Music", "Deutsche Bank",
    "Deutsche Telekom", "Royal Dutch Shell", "Marks & Spencer", "Goldman Sachs",
    "Morgan Stanley", "Merrill Lynch", "British Airways", "Virgin Atlantic", "Virgin Mobile",
    "News Corp", "Procter & Gamble", "Johnson & Johnson", "Sony Ericsson", "Royal Mail",
    "Network Rail", "Manchester United", "Bank of England", "Federal Reserve", "World Bank",
    "European Commission", "European Union", "United Nations", "Premier League",
])

# Acronyms that are places, not organisations.
PLACE_ACRONYMS = frozenset("UK US USA UAE".split())

# Acronyms that name things, not organisations.
NON_ORG_ACRONYMS = frozenset("""
TV PC HD DVD CD MP GDP CEO CFO IT AI PR VAT SMS MMS GPS USB OK HIV AIDS DNA RFID LCD PDA ID
IPTV VOIP WIFI ISP ISPS PIN ATM IPO QC MP MPS MEP MEPS RAM CPU GMT BST DJ TB HDTV
""".split())
