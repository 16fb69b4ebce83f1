/**
 * The Dutch website, served at the root. `{host}` stands for the platform's host name. The
 * guidelines' `.text` entries are the published technical guidelines, word for word.
 */
export const nl = {
  'language.name': 'Nederlands',
  'layout.skip_link': 'Naar de inhoud',
  'layout.home_label': 'Groupz, naar de startpagina',
  'layout.main_nav': 'Hoofdmenu',
  'layout.footer_nav': 'Over Groupz',
  'layout.to_platform': 'Naar het boekingsplatform',
  'layout.footer_note': 'Deze website plaatst geen cookies, gebruikt geen JavaScript en volgt je niet.',

  'home.path': '/',
  'home.nav': 'Home',
  'home.title': 'Groepsboekingen bij Nederlandse locaties',
  'home.description':
    'Groupz is het boekingsplatform voor groepen: schoolklassen, bedrijven, verenigingen en families boeken activiteiten bij Nederlandse locaties, zonder account.',
  'home.lead':
    'Groupz is het boekingsplatform voor groepen. Schoolklassen, bedrijven, verenigingen, families en vriendengroepen vinden een activiteit, zien meteen wat er voor hun groepsgrootte vrij is en boeken in een paar minuten. Zonder account.',
  'home.platform_button': 'Bekijk activiteiten op {host}',
  'home.groups.heading': 'Voor groepen',
  'home.groups.text':
    'Kies een datum en je groepsgrootte, zie de prijs voor de hele groep en boek. Met een persoonlijke link beheer je daarna alles.',
  'home.groups.link': 'Zo werkt boeken',
  'home.venues.heading': 'Voor locaties',
  'home.venues.text': 'Eén backoffice voor activiteiten, tijdsloten, capaciteit, opties en aanvragen, in het Nederlands en het Engels.',
  'home.venues.link': 'Groupz voor locaties',
  'home.safe.heading': 'Veilig en zonder tracking',
  'home.safe.text': 'Geen trackingtools, vrijwel geen cookies, versleuteling met TLS 1.3 en elke nacht een back-up op twee locaties.',
  'home.safe.link': 'Technische richtlijnen',
  'home.why.heading': 'Waarom Groupz',
  'home.why.account': 'Geen account en geen wachtwoord: je boeking beheer je met een persoonlijke link.',
  'home.why.capacity': 'Een tijdslot wordt nooit dubbel verkocht, ook niet als groepen tegelijk boeken.',
  'home.why.languages': 'Alles in het Nederlands en het Engels, ook de e-mails.',
  'home.why.plain': 'Werkt ook zonder JavaScript en laadt niets van andere websites.',

  'groups.path': '/voor-groepen/',
  'groups.nav': 'Voor groepen',
  'groups.title': 'Zo boek je met je groep',
  'groups.description':
    'Een activiteit vinden, boeken en beheren met je groep: zonder account, met een persoonlijke beheerlink en een link voor deelnemers.',
  'groups.lead':
    'Een schoolreis, een teamuitje, een clubdag of een familiefeest: met Groupz regel je het in vier stappen, zonder account aan te maken.',
  'groups.find.heading': 'Vinden',
  'groups.find.text':
    'Kies een activiteit en filter op datum en groepsgrootte. Per tijdslot zie je hoeveel plaatsen er nog vrij zijn en wat het voor je hele groep kost. Kan een tijdslot niet, dan staat erbij waarom.',
  'groups.book.heading': 'Boeken',
  'groups.book.text':
    'Vul je naam, e-mailadres en telefoonnummer in, en als je wilt je organisatie en opmerkingen voor de locatie. Je ziet de prijs met de btw per tarief voordat je bevestigt. Afhankelijk van de activiteit is je boeking meteen bevestigd, vraag je haar aan en beslist de locatie, of neem je een optie: dan houdt de locatie de plaatsen vrijblijvend voor je vast tot een deadline.',
  'groups.manage.heading': 'Beheren met je persoonlijke link',
  'groups.manage.text':
    'Je krijgt een e-mail met een persoonlijke beheerlink. Daarmee pas je het aantal personen aan, bevestig je een optie, annuleer je binnen de voorwaarden van de activiteit, zet je het bezoek in je agenda of laat je de link opnieuw mailen. Iedereen met de link kan je boeking beheren, dus deel hem niet.',
  'groups.participants.heading': 'Deelnemers',
  'groups.participants.text':
    'Deel de link voor deelnemers met je groep. Iedere deelnemer vult zijn naam in en wat de activiteit vraagt, zoals dieetwensen, allergieën of een telefoonnummer voor noodgevallen. Deelnemers zien elkaars gegevens en jouw contactgegevens niet; jij ziet op je beheerpagina wie zich heeft ingevuld.',
  'groups.informed.heading': 'Op de hoogte',
  'groups.informed.text':
    'Je krijgt bij elke stap een e-mail in je eigen taal, met het bezoek als agendabestand: bij je boeking, 24 uur voordat een optie verloopt en twee dagen voor het bezoek.',
  'groups.platform_button': 'Bekijk activiteiten',

  'venues.path': '/voor-locaties/',
  'venues.nav': 'Voor locaties',
  'venues.title': 'Groupz voor locaties',
  'venues.description':
    'De backoffice van Groupz: activiteiten, tijdsloten en capaciteit, opties en aanvragen, boekingen en je team, in het Nederlands en Engels.',
  'venues.lead':
    'Voor iedereen die groepen ontvangt: rederijen, klimhallen, boerderijen, musea en andere uitjes. Je team regelt alles in één backoffice, in het Nederlands of het Engels.',
  'venues.back_office.heading': 'De backoffice',
  'venues.back_office.schedule': 'Een dagoverzicht met alle tijdsloten en groepen, en de komende zeven dagen in één oogopslag.',
  'venues.back_office.bookings':
    'Boekingen zoeken en filteren, annuleren, als betaald markeren en interne notities toevoegen; met de volledige geschiedenis van elke boeking en een export voor Excel.',
  'venues.back_office.notices': 'Bij elke nieuwe boeking en elke wijziging een e-mail aan je team.',
  'venues.activities.heading': 'Activiteiten, tijdsloten en capaciteit',
  'venues.activities.text':
    'Per activiteit leg je de titel en beschrijving in beide talen vast, de kleinste en grootste groep, de prijsregels met btw en tot wanneer er geboekt kan worden. Tijdsloten maak je los aan of met een weekrooster dat ze voor je genereert, met data die je overslaat. De capaciteit per tijdslot wordt nooit overschreden: ook als groepen tegelijk boeken, verkoopt Groupz geen plaats twee keer.',
  'venues.options.heading': 'Opties en aanvragen',
  'venues.options.text':
    'Je kiest per activiteit of groepen direct boeken of een aanvraag doen die jij accepteert of afwijst. Sta je opties toe, dan bepaal je hoe lang ze gelden, tot hoeveel dagen voor het bezoek ze mogelijk zijn en hoeveel open opties één e-mailadres mag hebben. Een optie die niet op tijd bevestigd wordt, vervalt vanzelf en de plaatsen komen weer vrij. Je kunt een optie ook bevestigen of één keer verlengen.',
  'venues.languages.heading': 'Nederlands en Engels',
  'venues.languages.text':
    "Alle pagina's en e-mails bestaan in het Nederlands en het Engels. Groepen krijgen hun e-mails in de taal waarin ze boekten; meldingen aan je team staan in beide talen.",
  'venues.team.heading': 'Je team',
  'venues.team.text':
    'Iedere medewerker heeft een eigen account met een rol: manager, medewerker of alleen lezen. Inloggen gaat met een wachtwoord en een code uit een authenticator-app, en een activiteitenlog legt vast wie wat wanneer deed. Medewerkers zien alleen de gegevens van hun eigen locatie. De beheerder van het platform maakt het eerste account voor je locatie aan; daarna voeg je zelf je team toe.',
  'venues.staff_button': 'Inloggen in de backoffice',

  'guidelines.path': '/technische-richtlijnen/',
  'guidelines.nav': 'Technische richtlijnen',
  'guidelines.title': 'Technische richtlijnen',
  'guidelines.description':
    'Hoe Groupz zorgt voor een veilige omgeving: gescheiden platform, TLS 1.3, firewall, dagelijkse back-ups, twee-factor-authenticatie en geen tracking.',
  'guidelines.lead': 'Hoe zorgen we voor een veilige omgeving voor Groupz.now?',
  'guidelines.separate.heading': 'Platform en website gescheiden',
  'guidelines.separate.text':
    'Het platform (bookings.groupz.now) is volledig gescheiden van de publieke website (groupz.now). Hierdoor kunnen we beide omgevingen optimaal en onafhankelijk beveiligen.',
  'guidelines.separate.practice':
    "In de praktijk: het platform antwoordt alleen op zijn eigen adres. Deze website wordt los van het platform gebouwd en geserveerd, als vaste pagina's zonder cookies en zonder JavaScript.",
  'guidelines.hosting.heading': 'Hosting in Nederland',
  'guidelines.hosting.text':
    'Het platform wordt gehost op TransIP-servers in datacenters in Amsterdam, voorzien van moderne Linux-distributies. Door lokaal in Nederland te hosten, zijn de responstijden voor de meeste bezoekers korter en zijn we minder afhankelijk van Amerikaanse techbedrijven.',
  'guidelines.physical.text': 'Fysieke toegang tot de locatie van de servers is niet mogelijk, behalve voor personeel van TransIP.',
  'guidelines.tls.heading': 'Versleuteling met TLS 1.3',
  'guidelines.tls.text':
    'Al het verkeer van en naar de server is versleuteld via TLS1.3 (https). Dit is de modernste vorm van gegevensversleuteling tussen je webbrowser en de server, en zorgt ervoor dat verkeer niet onderschept kan worden. Verouderde versies van SSL of TLS worden bewust niet geaccepteerd.',
  'guidelines.tls.practice':
    'In de praktijk: een verbinding met TLS 1.2 of ouder wordt al bij de start geweigerd. Via http krijg je alleen een doorverwijzing naar https, en je browser onthoudt twee jaar lang dat het platform alleen via https bereikbaar is.',
  'guidelines.firewall.heading': 'Firewall',
  'guidelines.firewall.text':
    'Alle inkomende poorten zijn afgesloten met een firewall, behalve poorten 80 en 443 (http en https). Dit zorgt ervoor dat geen enkele andere applicatie op de server van buitenaf toegankelijk is.',
  'guidelines.ssh.heading': 'Beheer via SSH',
  'guidelines.ssh.text':
    'SSH-verkeer (voor versleuteld extern beheer) is alleen toegestaan vanaf een zeer klein aantal IP-adressen. Dit betekent dat beheerders slechts vanaf een beperkt aantal locaties toegang kunnen krijgen.',
  'guidelines.backups.heading': 'Elke nacht een back-up',
  'guidelines.backups.text':
    'Alle data die op de TransIP-servers wordt gehost, wordt elke nacht automatisch geback-upt. Deze back-up wordt opgeslagen op een TransIP-server en op een tweede locatie. De back-ups worden minimaal 14 dagen bewaard.',
  'guidelines.backups.practice':
    'In de praktijk: de back-ups zijn versleuteld en worden elke nacht op beide locaties gecontroleerd. Mislukt er een, dan krijgen de beheerders een melding.',
  'guidelines.two_factor.heading': 'Twee-factor-authenticatie en sessies',
  'guidelines.two_factor.text':
    'Alle toegang tot het platform via de backoffice vereist twee-factor-authenticatie. Sessies worden automatisch beëindigd en verwijderd na één uur inactiviteit. Dit zorgt ervoor dat als iemands wachtwoord onverwacht uitlekt, er alsnog niet kan worden ingelogd, omdat zowel gebruikersnaam, wachtwoord als de twee-factorcode nodig zijn. Deze code verandert elke minuut in een willekeurige nieuwe code.',
  'guidelines.two_factor.practice':
    'In de praktijk: de code komt uit een authenticator-app, verandert elke 30 seconden en werkt maar één keer. De server verwijdert een sessie na een uur zonder activiteit, ook als de browser niet meer terugkomt.',
  'guidelines.cookies.heading': 'Cookies en tracking',
  'guidelines.cookies.text':
    'Het platform maakt vrijwel geen gebruik van cookies en bevat ook geen trackingtools om gebruik te monitoren. Deze (voornamelijk Amerikaanse) tools slaan vaak veel meer data op dan strikt noodzakelijk, op Amerikaanse servers. Het is daarbij vaak ook onduidelijk wat er precies met die data gebeurt. Om ervoor te zorgen dat de data op het platform niet in andere handen valt, worden er helemaal geen trackingtools gebruikt. Het enige cookie dat wordt opgeslagen in de browser van een platformgebruiker is de taalkeuze (Nederlands of Engels), en deze instelling wordt alleen binnen onze eigen applicatie gebruikt.',
  'guidelines.cookies.practice':
    'In de praktijk: het taalcookie komt er pas als je zelf een taal kiest. Medewerkers van locaties krijgen in de backoffice daarnaast één sessiecookie, dat alleen dient om ingelogd te blijven. Deze website (groupz.now) plaatst helemaal geen cookies.',

  'privacy.path': '/privacy/',
  'privacy.nav': 'Privacy',
  'privacy.title': 'Privacy',
  'privacy.description':
    'Geen cookies, geen tracking en geen verzoeken aan andere partijen. Wat het boekingsplatform van een boeking bewaart, en wie het ziet.',
  'privacy.lead': 'Groupz verzamelt niet meer dan nodig is voor je boeking, en volgt niemand.',
  'privacy.website.heading': 'Deze website',
  'privacy.website.cookies': 'Geen cookies en niets anders dat in je browser wordt opgeslagen.',
  'privacy.website.tracking': 'Geen JavaScript, geen statistieken en geen trackingtools.',
  'privacy.website.requests':
    'Geen verzoeken aan andere partijen: de opmaak en het logo komen van deze server, de letters van je eigen apparaat. Een link naar het boekingsplatform geeft niet door van welke pagina je komt.',
  'privacy.platform.heading': 'Het boekingsplatform',
  'privacy.platform.text':
    'Op {host} is het enige cookie voor groepen je taalkeuze, en alleen als je zelf een taal kiest. Medewerkers van locaties krijgen in de backoffice één sessiecookie om ingelogd te blijven. Ook het platform gebruikt geen trackingtools en laadt niets van andere websites. De verzoeklogboeken bevatten geen IP-adressen en geen persoonsgegevens; het activiteitenlog van de backoffice bewaart wie wat deed, met alleen een ingekort netwerkadres.',
  'privacy.stored.heading': 'Wat het platform van een boeking bewaart',
  'privacy.stored.booking': 'de activiteit, de datum en tijd, het aantal personen en de prijs;',
  'privacy.stored.organiser':
    'van de organisator: naam, e-mailadres en telefoonnummer, en als je die opgeeft de organisatie en opmerkingen voor de locatie;',
  'privacy.stored.history': 'de taal van de boeking, de status en de geschiedenis van wijzigingen;',
  'privacy.stored.participants':
    'van deelnemers: hun naam en alleen wat de activiteit vraagt, zoals dieetwensen, allergieën of een telefoonnummer voor noodgevallen.',
  'privacy.stored.who':
    'De beheerlink en de link voor deelnemers zelf worden niet bewaard, alleen een vingerafdruk (hash) waarmee het platform ze herkent. Je boeking is zichtbaar voor jou via de beheerlink en voor de medewerkers van de locatie waar je boekte, niet voor andere locaties. Deelnemers zien de activiteit, de locatie, de datum en tijd en de naam van de organisatie, maar niet jouw contactgegevens of elkaars gegevens. E-mails over je boeking gaan naar het e-mailadres dat je opgaf.',
  'privacy.stored.where':
    'De gegevens staan op servers in Nederland en worden elke nacht versleuteld geback-upt op twee locaties. Vragen over je boeking of je gegevens? Neem contact op met de locatie waar je boekte.',

  'notFound.path': '/404.html',
  'notFound.title': 'Pagina niet gevonden',
  'notFound.description': 'Deze pagina bestaat niet.',
  'notFound.lead': 'Deze pagina bestaat niet (meer). Misschien zoek je een van deze:',
  'notFound.home': 'De startpagina van Groupz',
  'notFound.platform': 'Het boekingsplatform, {host}',
};
