import type { SiteText } from './site-text.js';

/** The Dutch website, served at the root. The guidelines are the published text, word for word. */
export const nl: SiteText = {
  lang: 'nl',
  languageName: 'Nederlands',
  skipLink: 'Naar de inhoud',
  homeLabel: 'Groupz, naar de startpagina',
  mainNavLabel: 'Hoofdmenu',
  footerNavLabel: 'Over Groupz',
  toPlatform: 'Naar het boekingsplatform',
  footerNote: 'Deze website plaatst geen cookies, gebruikt geen JavaScript en volgt je niet.',
  pages: {
    home: {
      path: '/',
      title: 'Groepsboekingen bij Nederlandse locaties',
      navLabel: 'Home',
      description:
        'Groupz is het boekingsplatform voor groepen: schoolklassen, bedrijven, verenigingen en families boeken activiteiten bij Nederlandse locaties, zonder account.',
      body: (links) => (
        <>
          <h1>Groepsboekingen bij Nederlandse locaties</h1>
          <p class="lead">
            Groupz is het boekingsplatform voor groepen. Schoolklassen, bedrijven, verenigingen, families en vriendengroepen vinden een
            activiteit, zien meteen wat er voor hun groepsgrootte vrij is en boeken in een paar minuten. Zonder account.
          </p>
          <p>
            <a class="button" href={links.platform}>
              Bekijk activiteiten op {links.platformHost}
            </a>
          </p>
          <ul class="cards">
            <li class="card">
              <h2>Voor groepen</h2>
              <p>
                Kies een datum en je groepsgrootte, zie de prijs voor de hele groep en boek. Met een persoonlijke link beheer je daarna
                alles.
              </p>
              <p>
                <a href={links.page('groups')}>Zo werkt boeken</a>
              </p>
            </li>
            <li class="card">
              <h2>Voor locaties</h2>
              <p>Eén backoffice voor activiteiten, tijdsloten, capaciteit, opties en aanvragen, in het Nederlands en het Engels.</p>
              <p>
                <a href={links.page('venues')}>Groupz voor locaties</a>
              </p>
            </li>
            <li class="card">
              <h2>Veilig en zonder tracking</h2>
              <p>Geen trackingtools, vrijwel geen cookies, versleuteling met TLS 1.3 en elke nacht een back-up op twee locaties.</p>
              <p>
                <a href={links.page('guidelines')}>Technische richtlijnen</a>
              </p>
            </li>
          </ul>
          <h2>Waarom Groupz</h2>
          <ul class="checks">
            <li>Geen account en geen wachtwoord: je boeking beheer je met een persoonlijke link.</li>
            <li>Een tijdslot wordt nooit dubbel verkocht, ook niet als groepen tegelijk boeken.</li>
            <li>Alles in het Nederlands en het Engels, ook de e-mails.</li>
            <li>Werkt ook zonder JavaScript en laadt niets van andere websites.</li>
          </ul>
        </>
      ),
    },
    groups: {
      path: '/voor-groepen/',
      title: 'Zo boek je met je groep',
      navLabel: 'Voor groepen',
      description:
        'Een activiteit vinden, boeken en beheren met je groep: zonder account, met een persoonlijke beheerlink en een link voor deelnemers.',
      body: (links) => (
        <>
          <h1>Zo boek je met je groep</h1>
          <p class="lead">
            Een schoolreis, een teamuitje, een clubdag of een familiefeest: met Groupz regel je het in vier stappen, zonder account aan te
            maken.
          </p>
          <ol class="steps">
            <li>
              <h2>Vinden</h2>
              <p>
                Kies een activiteit en filter op datum en groepsgrootte. Per tijdslot zie je hoeveel plaatsen er nog vrij zijn en wat het
                voor je hele groep kost. Kan een tijdslot niet, dan staat erbij waarom.
              </p>
            </li>
            <li>
              <h2>Boeken</h2>
              <p>
                Vul je naam, e-mailadres en telefoonnummer in, en als je wilt je organisatie en opmerkingen voor de locatie. Je ziet de
                prijs met de btw per tarief voordat je bevestigt. Afhankelijk van de activiteit is je boeking meteen bevestigd, vraag je
                haar aan en beslist de locatie, of neem je een optie: dan houdt de locatie de plaatsen vrijblijvend voor je vast tot een
                deadline.
              </p>
            </li>
            <li>
              <h2>Beheren met je persoonlijke link</h2>
              <p>
                Je krijgt een e-mail met een persoonlijke beheerlink. Daarmee pas je het aantal personen aan, bevestig je een optie,
                annuleer je binnen de voorwaarden van de activiteit, zet je het bezoek in je agenda of laat je de link opnieuw mailen.
                Iedereen met de link kan je boeking beheren, dus deel hem niet.
              </p>
            </li>
            <li>
              <h2>Deelnemers</h2>
              <p>
                Deel de link voor deelnemers met je groep. Iedere deelnemer vult zijn naam in en wat de activiteit vraagt, zoals
                dieetwensen, allergieën of een telefoonnummer voor noodgevallen. Deelnemers zien elkaars gegevens en jouw contactgegevens
                niet; jij ziet op je beheerpagina wie zich heeft ingevuld.
              </p>
            </li>
          </ol>
          <h2>Op de hoogte</h2>
          <p>
            Je krijgt bij elke stap een e-mail in je eigen taal, met het bezoek als agendabestand: bij je boeking, 24 uur voordat een optie
            verloopt en twee dagen voor het bezoek.
          </p>
          <p>
            <a class="button" href={links.platform}>
              Bekijk activiteiten
            </a>
          </p>
        </>
      ),
    },
    venues: {
      path: '/voor-locaties/',
      title: 'Groupz voor locaties',
      navLabel: 'Voor locaties',
      description:
        'De backoffice van Groupz: activiteiten, tijdsloten en capaciteit, opties en aanvragen, boekingen en je team, in het Nederlands en Engels.',
      body: (links) => (
        <>
          <h1>Groupz voor locaties</h1>
          <p class="lead">
            Voor iedereen die groepen ontvangt: rederijen, klimhallen, boerderijen, musea en andere uitjes. Je team regelt alles in één
            backoffice, in het Nederlands of het Engels.
          </p>
          <h2>De backoffice</h2>
          <ul>
            <li>Een dagoverzicht met alle tijdsloten en groepen, en de komende zeven dagen in één oogopslag.</li>
            <li>
              Boekingen zoeken en filteren, annuleren, als betaald markeren en interne notities toevoegen; met de volledige geschiedenis van
              elke boeking en een export voor Excel.
            </li>
            <li>Bij elke nieuwe boeking en elke wijziging een e-mail aan je team.</li>
          </ul>
          <h2>Activiteiten, tijdsloten en capaciteit</h2>
          <p>
            Per activiteit leg je de titel en beschrijving in beide talen vast, de kleinste en grootste groep, de prijsregels met btw en tot
            wanneer er geboekt kan worden. Tijdsloten maak je los aan of met een weekrooster dat ze voor je genereert, met data die je
            overslaat. De capaciteit per tijdslot wordt nooit overschreden: ook als groepen tegelijk boeken, verkoopt Groupz geen plaats
            twee keer.
          </p>
          <h2>Opties en aanvragen</h2>
          <p>
            Je kiest per activiteit of groepen direct boeken of een aanvraag doen die jij accepteert of afwijst. Sta je opties toe, dan
            bepaal je hoe lang ze gelden, tot hoeveel dagen voor het bezoek ze mogelijk zijn en hoeveel open opties één e-mailadres mag
            hebben. Een optie die niet op tijd bevestigd wordt, vervalt vanzelf en de plaatsen komen weer vrij. Je kunt een optie ook
            bevestigen of één keer verlengen.
          </p>
          <h2>Nederlands en Engels</h2>
          <p>
            Alle pagina's en e-mails bestaan in het Nederlands en het Engels. Groepen krijgen hun e-mails in de taal waarin ze boekten; je
            team kiest zijn eigen taal.
          </p>
          <h2>Je team</h2>
          <p>
            Iedere medewerker heeft een eigen account met een rol: manager, medewerker of alleen lezen. Inloggen gaat met een wachtwoord en
            een code uit een authenticator-app, en een auditlog legt vast wie wat wanneer deed. Medewerkers zien alleen de gegevens van hun
            eigen locatie. De beheerder van het platform maakt het eerste account voor je locatie aan; daarna voeg je zelf je team toe.
          </p>
          <p>
            <a class="button" href={links.staffLogin}>
              Inloggen in de backoffice
            </a>
          </p>
        </>
      ),
    },
    guidelines: {
      path: '/technische-richtlijnen/',
      title: 'Technische richtlijnen',
      description:
        'Hoe Groupz zorgt voor een veilige omgeving: gescheiden platform, TLS 1.3, firewall, dagelijkse back-ups, twee-factor-authenticatie en geen tracking.',
      body: () => (
        <>
          <h1>Technische richtlijnen</h1>
          <p class="lead">Hoe zorgen we voor een veilige omgeving voor Groupz.now?</p>
          <section class="promise" aria-labelledby="gescheiden">
            <h2 id="gescheiden">Platform en website gescheiden</h2>
            <p>
              Het platform (bookings.groupz.now) is volledig gescheiden van de publieke website (groupz.now). Hierdoor kunnen we beide
              omgevingen optimaal en onafhankelijk beveiligen.
            </p>
            <p class="practice">
              In de praktijk: het platform antwoordt alleen op zijn eigen adres. Deze website wordt los van het platform gebouwd en
              geserveerd, als vaste pagina's zonder cookies en zonder JavaScript.
            </p>
          </section>
          <section class="promise" aria-labelledby="hosting">
            <h2 id="hosting">Hosting in Nederland</h2>
            <p>
              Het platform wordt gehost op TransIP-servers in datacenters in Amsterdam, voorzien van moderne Linux-distributies. Door lokaal
              in Nederland te hosten, zijn de responstijden voor de meeste bezoekers korter en zijn we minder afhankelijk van Amerikaanse
              techbedrijven.
            </p>
            <p>Fysieke toegang tot de locatie van de servers is niet mogelijk, behalve voor personeel van TransIP.</p>
          </section>
          <section class="promise" aria-labelledby="tls">
            <h2 id="tls">Versleuteling met TLS 1.3</h2>
            <p>
              Al het verkeer van en naar de server is versleuteld via TLS1.3 (https). Dit is de modernste vorm van gegevensversleuteling
              tussen je webbrowser en de server, en zorgt ervoor dat verkeer niet onderschept kan worden. Verouderde versies van SSL of TLS
              worden bewust niet geaccepteerd.
            </p>
            <p class="practice">
              In de praktijk: een verbinding met TLS 1.2 of ouder wordt al bij de start geweigerd. Via http krijg je alleen een
              doorverwijzing naar https, en je browser onthoudt twee jaar lang dat het platform alleen via https bereikbaar is.
            </p>
          </section>
          <section class="promise" aria-labelledby="firewall">
            <h2 id="firewall">Firewall</h2>
            <p>
              Alle inkomende poorten zijn afgesloten met een firewall, behalve poorten 80 en 443 (http en https). Dit zorgt ervoor dat geen
              enkele andere applicatie op de server van buitenaf toegankelijk is.
            </p>
          </section>
          <section class="promise" aria-labelledby="ssh">
            <h2 id="ssh">Beheer via SSH</h2>
            <p>
              SSH-verkeer (voor versleuteld extern beheer) is alleen toegestaan vanaf een zeer klein aantal IP-adressen. Dit betekent dat
              beheerders slechts vanaf een beperkt aantal locaties toegang kunnen krijgen.
            </p>
          </section>
          <section class="promise" aria-labelledby="back-ups">
            <h2 id="back-ups">Elke nacht een back-up</h2>
            <p>
              Alle data die op de TransIP-servers wordt gehost, wordt elke nacht automatisch geback-upt. Deze back-up wordt opgeslagen op
              een TransIP-server en op een tweede locatie. De back-ups worden minimaal 14 dagen bewaard.
            </p>
            <p class="practice">
              In de praktijk: de back-ups zijn versleuteld en worden elke nacht op beide locaties gecontroleerd. Mislukt er een, dan krijgen
              de beheerders een melding.
            </p>
          </section>
          <section class="promise" aria-labelledby="twee-factor">
            <h2 id="twee-factor">Twee-factor-authenticatie en sessies</h2>
            <p>
              Alle toegang tot het platform via de backoffice vereist twee-factor-authenticatie. Sessies worden automatisch beëindigd en
              verwijderd na één uur inactiviteit. Dit zorgt ervoor dat als iemands wachtwoord onverwacht uitlekt, er alsnog niet kan worden
              ingelogd, omdat zowel gebruikersnaam, wachtwoord als de twee-factorcode nodig zijn. Deze code verandert elke minuut in een
              willekeurige nieuwe code.
            </p>
            <p class="practice">
              In de praktijk: de code komt uit een authenticator-app, verandert elke 30 seconden en werkt maar één keer. De server
              verwijdert een sessie na een uur zonder activiteit, ook als de browser niet meer terugkomt.
            </p>
          </section>
          <section class="promise" aria-labelledby="cookies">
            <h2 id="cookies">Cookies en tracking</h2>
            <p>
              Het platform maakt vrijwel geen gebruik van cookies en bevat ook geen trackingtools om gebruik te monitoren. Deze
              (voornamelijk Amerikaanse) tools slaan vaak veel meer data op dan strikt noodzakelijk, op Amerikaanse servers. Het is daarbij
              vaak ook onduidelijk wat er precies met die data gebeurt. Om ervoor te zorgen dat de data op het platform niet in andere
              handen valt, worden er helemaal geen trackingtools gebruikt. Het enige cookie dat wordt opgeslagen in de browser van een
              platformgebruiker is de taalkeuze (Nederlands of Engels), en deze instelling wordt alleen binnen onze eigen applicatie
              gebruikt.
            </p>
            <p class="practice">
              In de praktijk: het taalcookie komt er pas als je zelf een taal kiest. Medewerkers van locaties krijgen in de backoffice
              daarnaast één sessiecookie, dat alleen dient om ingelogd te blijven. Deze website (groupz.now) plaatst helemaal geen cookies.
            </p>
          </section>
        </>
      ),
    },
    privacy: {
      path: '/privacy/',
      title: 'Privacy',
      description:
        'Geen cookies, geen tracking en geen verzoeken aan andere partijen. Wat het boekingsplatform van een boeking bewaart, en wie het ziet.',
      body: (links) => (
        <>
          <h1>Privacy</h1>
          <p class="lead">Groupz verzamelt niet meer dan nodig is voor je boeking, en volgt niemand.</p>
          <h2>Deze website</h2>
          <ul>
            <li>Geen cookies en niets anders dat in je browser wordt opgeslagen.</li>
            <li>Geen JavaScript, geen statistieken en geen trackingtools.</li>
            <li>
              Geen verzoeken aan andere partijen: de opmaak en het logo komen van deze server, de letters van je eigen apparaat. Een link
              naar het boekingsplatform geeft niet door van welke pagina je komt.
            </li>
          </ul>
          <h2>Het boekingsplatform</h2>
          <p>
            Op {links.platformHost} is het enige cookie voor groepen je taalkeuze, en alleen als je zelf een taal kiest. Medewerkers van
            locaties krijgen in de backoffice één sessiecookie om ingelogd te blijven. Ook het platform gebruikt geen trackingtools en laadt
            niets van andere websites. De logbestanden bevatten geen IP-adressen en geen persoonsgegevens.
          </p>
          <h2>Wat het platform van een boeking bewaart</h2>
          <ul>
            <li>de activiteit, de datum en tijd, het aantal personen en de prijs;</li>
            <li>
              van de organisator: naam, e-mailadres en telefoonnummer, en als je die opgeeft de organisatie en opmerkingen voor de locatie;
            </li>
            <li>de taal van de boeking, de status en de geschiedenis van wijzigingen;</li>
            <li>
              van deelnemers: hun naam en alleen wat de activiteit vraagt, zoals dieetwensen, allergieën of een telefoonnummer voor
              noodgevallen.
            </li>
          </ul>
          <p>
            De beheerlink en de link voor deelnemers zelf worden niet bewaard, alleen een vingerafdruk (hash) waarmee het platform ze
            herkent. Je boeking is zichtbaar voor jou via de beheerlink en voor de medewerkers van de locatie waar je boekte, niet voor
            andere locaties. Deelnemers zien de activiteit, de locatie, de datum en tijd en de naam van de organisatie, maar niet jouw
            contactgegevens of elkaars gegevens. E-mails over je boeking gaan naar het e-mailadres dat je opgaf.
          </p>
          <p>
            De gegevens staan op servers in Nederland en worden elke nacht versleuteld geback-upt op twee locaties. Vragen over je boeking
            of je gegevens? Neem contact op met de locatie waar je boekte.
          </p>
        </>
      ),
    },
    notFound: {
      path: '/404.html',
      title: 'Pagina niet gevonden',
      description: 'Deze pagina bestaat niet.',
      body: (links) => (
        <>
          <h1>Pagina niet gevonden</h1>
          <p class="lead">Deze pagina bestaat niet (meer). Misschien zoek je een van deze:</p>
          <ul>
            <li>
              <a href={links.page('home')}>De startpagina van Groupz</a>
            </li>
            <li>
              <a href={links.page('groups')}>Zo boek je met je groep</a>
            </li>
            <li>
              <a href={links.page('venues')}>Groupz voor locaties</a>
            </li>
            <li>
              <a href={links.platform}>Het boekingsplatform, {links.platformHost}</a>
            </li>
          </ul>
        </>
      ),
    },
  },
};
