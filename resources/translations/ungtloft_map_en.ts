<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_GB" sourcelanguage="nb_NO">
<context>
    <name>ClassificationPanel</name>
    <message>
        <location filename="../../ungtloft_map/_qt/classification_panel.py" line="28"/>
        <source>f.eks. 5; 10; 15; 20</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/classification_panel.py" line="34"/>
        <source>Metode:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/classification_panel.py" line="35"/>
        <source>Antall klasser:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/classification_panel.py" line="36"/>
        <source>Egne grenser:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/classification_panel.py" line="52"/>
        <source>Grensene må være tall, skilt med semikolon</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/classification_panel.py" line="54"/>
        <source>Skriv inn minst én grense</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ClusterPanel</name>
    <message>
        <location filename="../../ungtloft_map/_qt/cluster_view.py" line="754"/>
        <location filename="../../ungtloft_map/_qt/cluster_view.py" line="896"/>
        <source>{n}. persentil</source>
        <extracomment>Where ``clusters.summarise`` starts a new sentence worth its own line: after a cluster&apos;s zone list &quot;(…).&quot; and before the global, &quot;no cluster&quot;, no-data and method sentences.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/cluster_view.py" line="770"/>
        <source>Korriger for mange tester (FDR)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/cluster_view.py" line="772"/>
        <source>Benjamini–Hochberg: færre soner blir signifikante ved en tilfeldighet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/cluster_view.py" line="777"/>
        <source>Indeksmetode:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/cluster_view.py" line="778"/>
        <source>Belastningsgrense:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/cluster_view.py" line="779"/>
        <source>Klynger i:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/cluster_view.py" line="783"/>
        <source>Naboer:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/cluster_view.py" line="784"/>
        <source>Permutasjoner:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/cluster_view.py" line="785"/>
        <source>Signifikansnivå (α):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/cluster_view.py" line="787"/>
        <source>Metode</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/cluster_view.py" line="792"/>
        <source>Indikator</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/cluster_view.py" line="792"/>
        <location filename="../../ungtloft_map/_qt/cluster_view.py" line="795"/>
        <source>Tema</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/cluster_view.py" line="792"/>
        <location filename="../../ungtloft_map/_qt/cluster_view.py" line="795"/>
        <source>Vekt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/cluster_view.py" line="807"/>
        <source>Vekter (0 = ikke med)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/cluster_view.py" line="830"/>
        <source>Oppsummeringen av klyngene kommer når temaene er beregnet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/cluster_view.py" line="834"/>
        <source>Velg klyngen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/cluster_view.py" line="837"/>
        <source>Velger de sammenhengende signifikante sonene av samme type som den valgte sonen, og naboene deres.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/cluster_view.py" line="840"/>
        <source>Klyngene</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/cluster_view.py" line="883"/>
        <source>Klyngene er ikke beregnet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/cluster_view.py" line="951"/>
        <source>Sammensatt belastningsindeks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/cluster_view.py" line="956"/>
        <source>Indeks: {theme}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/cluster_view.py" line="1039"/>
        <source>Velg en sone i kartet for å velge klyngen dens.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/cluster_view.py" line="1041"/>
        <source>Sone {z}: ingen klyngeanalyse.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/cluster_view.py" line="1049"/>
        <source>{name} mangler data for klyngeanalysen.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/cluster_view.py" line="1051"/>
        <source>{name} er ikke i en signifikant klynge.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/cluster_view.py" line="1055"/>
        <source>{name}: {what} (p = {p}), {n} soner med naboene.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/cluster_view.py" line="1063"/>
        <source>Sone {z}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DashboardPanel</name>
    <message>
        <location filename="../../ungtloft_map/_qt/dashboard_panel.py" line="623"/>
        <source>Alle Marmot-prinsipper</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/dashboard_panel.py" line="629"/>
        <source>Alle livsfaser</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/dashboard_panel.py" line="634"/>
        <location filename="../../ungtloft_map/_qt/dashboard_panel.py" line="999"/>
        <source>Alle bærekraftsmål</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/dashboard_panel.py" line="650"/>
        <source>Hele kommunen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/dashboard_panel.py" line="651"/>
        <source>Valgte soner (0)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/dashboard_panel.py" line="652"/>
        <source>Valgte soner sammenlignes med kommunen når ingen referanseverdi er oppgitt.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/dashboard_panel.py" line="654"/>
        <source>Vis indikatorer uten data</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/dashboard_panel.py" line="658"/>
        <source>Referanseverdier …</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/dashboard_panel.py" line="661"/>
        <source>Eksporter årsoversikt …</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/dashboard_panel.py" line="668"/>
        <source>Marmot:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/dashboard_panel.py" line="670"/>
        <source>Livsløp:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/dashboard_panel.py" line="672"/>
        <source>Bærekraftsmål:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/dashboard_panel.py" line="674"/>
        <source>År:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/dashboard_panel.py" line="678"/>
        <source>Område:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/dashboard_panel.py" line="714"/>
        <source>Last inn et datasett for å se nøkkelindikatorene.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/dashboard_panel.py" line="817"/>
        <source>Valgte soner: {names}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/dashboard_panel.py" line="818"/>
        <source>{n} valgte soner</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/dashboard_panel.py" line="838"/>
        <source>Beregner nøkkelindikatorer …</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/dashboard_panel.py" line="864"/>
        <source>Nøkkelindikatorene kunne ikke beregnes: {e}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/dashboard_panel.py" line="922"/>
        <source>Uten Marmot-prinsipp</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/dashboard_panel.py" line="975"/>
        <location filename="../../ungtloft_map/_qt/dashboard_panel.py" line="976"/>
        <source>Ingen indikatorer passer filtrene.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/dashboard_panel.py" line="990"/>
        <source>&lt;b&gt;{where}&lt;/b&gt;, {year}: {n} med data ({b} bedre, {s} likt, {w} dårligere, {r} uten referanse), {m} uten data</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/dashboard_panel.py" line="1008"/>
        <source>Valgte soner ({n})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/dashboard_panel.py" line="1022"/>
        <source>Vis i kartet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/dashboard_panel.py" line="1025"/>
        <source>Referanseverdi …</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/dashboard_panel.py" line="1057"/>
        <source>Eksporter årsoversikt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/dashboard_panel.py" line="1058"/>
        <source>PDF (*.pdf);;HTML (*.html)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/dashboard_panel.py" line="1099"/>
        <source>Skriver årsoversikten ({fmt}) …</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/dashboard_panel.py" line="1110"/>
        <source>Årsoversikten er lagret: {p}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/dashboard_panel.py" line="1120"/>
        <source>Eksporten feilet: {e}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>HelpDialog</name>
    <message>
        <location filename="../../ungtloft_map/_qt/help_dialog.py" line="24"/>
        <source>Brukerveiledning – UngtLøft Map</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/help_dialog.py" line="33"/>
        <source>Fant ikke brukerveiledningen i {p}.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Histogram</name>
    <message>
        <location filename="../../ungtloft_map/_qt/cluster_view.py" line="454"/>
        <location filename="../../ungtloft_map/_qt/cluster_view.py" line="466"/>
        <source>Velg en tallkolonne for histogrammet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/cluster_view.py" line="472"/>
        <source>«{col}» er en kategori, ikke et tall: vis den i kartet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/cluster_view.py" line="479"/>
        <source>Ingen soner har verdi for «{col}».</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/cluster_view.py" line="569"/>
        <source>Verdi ({unit})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/cluster_view.py" line="569"/>
        <source>Verdi</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/cluster_view.py" line="571"/>
        <source>Antall soner</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/cluster_view.py" line="584"/>
        <source>Kommunen: {v}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/cluster_view.py" line="610"/>
        <source>Valgte soner ({n})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/cluster_view.py" line="613"/>
        <source>Alle soner ({n})</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>IdentifyPanel</name>
    <message>
        <location filename="../../ungtloft_map/_qt/identify_panel.py" line="34"/>
        <location filename="../../ungtloft_map/_qt/identify_panel.py" line="52"/>
        <source>Klikk på en sone i kartet</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ImportDialog</name>
    <message>
        <location filename="../../ungtloft_map/_qt/import_dialog.py" line="198"/>
        <source>Importer data</source>
        <extracomment>Role names shown to the user. Role fields shown in the mapping table.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/import_dialog.py" line="209"/>
        <source>Legg til filer, kontroller rollene og trykk «Kontroller».</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/import_dialog.py" line="214"/>
        <source>Velg filer…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/import_dialog.py" line="216"/>
        <source>Velg mappe…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/import_dialog.py" line="218"/>
        <source>Fjern valgt lag</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/import_dialog.py" line="222"/>
        <source>Importerte data</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/import_dialog.py" line="227"/>
        <source>Navn på datasettet:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/import_dialog.py" line="233"/>
        <source>Ta med</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/import_dialog.py" line="233"/>
        <source>Fil</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/import_dialog.py" line="233"/>
        <source>Lag</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/import_dialog.py" line="233"/>
        <source>Geometri</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/import_dialog.py" line="234"/>
        <source>Objekter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/import_dialog.py" line="234"/>
        <source>Koordinatsystem</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/import_dialog.py" line="234"/>
        <source>Rolle</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/import_dialog.py" line="248"/>
        <source>Lag funnet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/import_dialog.py" line="253"/>
        <source>Felt i appen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/import_dialog.py" line="253"/>
        <source>Felt i kilden</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/import_dialog.py" line="261"/>
        <source>Feltkobling</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/import_dialog.py" line="278"/>
        <source>Forhåndsvisning</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/import_dialog.py" line="295"/>
        <source>Kontroll</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/import_dialog.py" line="306"/>
        <source>Kontroller</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/import_dialog.py" line="309"/>
        <source>Importer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/import_dialog.py" line="311"/>
        <source>Avbryt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/import_dialog.py" line="371"/>
        <source>Velg filer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/import_dialog.py" line="377"/>
        <source>Velg mappe</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/import_dialog.py" line="419"/>
        <source>{n} lag funnet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/import_dialog.py" line="455"/>
        <source>Ta med dette laget i datasettet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/import_dialog.py" line="462"/>
        <source>Kan ikke leses</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/import_dialog.py" line="474"/>
        <source>mangler</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/import_dialog.py" line="477"/>
        <source>Laget har ikke noe koordinatsystem; ingen antas</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/import_dialog.py" line="480"/>
        <source>– ingen –</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/import_dialog.py" line="491"/>
        <source>Tabell</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/import_dialog.py" line="493"/>
        <source>GTFS-rutedata</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/import_dialog.py" line="531"/>
        <location filename="../../ungtloft_map/_qt/import_dialog.py" line="655"/>
        <source>Valgene er endret – trykk «Kontroller» på nytt.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/import_dialog.py" line="557"/>
        <source>Velg et lag i listen over.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/import_dialog.py" line="560"/>
        <source>Laget kan ikke leses.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/import_dialog.py" line="564"/>
        <source>Velg en rolle for laget først.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/import_dialog.py" line="567"/>
        <source>Rollen «{role}» trenger ingen feltkobling.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/import_dialog.py" line="570"/>
        <source>Felt merket * må kobles. Forslagene kan endres.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/import_dialog.py" line="580"/>
        <source>– ikke koblet –</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/import_dialog.py" line="605"/>
        <source>Tabell – ingen kartvisning</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/import_dialog.py" line="606"/>
        <source>Ingen forhåndsvisning</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/import_dialog.py" line="607"/>
        <source>De første stoppene (stops.txt):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/import_dialog.py" line="608"/>
        <source>De første radene:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/import_dialog.py" line="638"/>
        <source>Kontrollerer …</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/import_dialog.py" line="639"/>
        <source>Kontrollerer lagene (et GTFS-datasett kan ta noen sekunder) …</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/import_dialog.py" line="645"/>
        <source>Kontrollerer {what} …</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/import_dialog.py" line="683"/>
        <source>Klar til import</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/import_dialog.py" line="685"/>
        <source>1 advarsel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/import_dialog.py" line="686"/>
        <source>{n} advarsler</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/import_dialog.py" line="689"/>
        <source>{n} feil må rettes før import</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/import_dialog.py" line="690"/>
        <source>Kan ikke importeres ennå</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/import_dialog.py" line="711"/>
        <source>, omregnet fra {crs}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/import_dialog.py" line="713"/>
        <source>1 objekt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/import_dialog.py" line="713"/>
        <source>{n} objekter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/import_dialog.py" line="714"/>
        <source> i EPSG:25832{reproj}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/import_dialog.py" line="716"/>
        <source>{stops} stopp, {trips} turer (dag {date})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/import_dialog.py" line="722"/>
        <source>{rows} rader, {zones} soner, år {span}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/import_dialog.py" line="725"/>
        <source>{n} flater, {ha} daa</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/import_dialog.py" line="731"/>
        <source>Feil</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/import_dialog.py" line="731"/>
        <source>Advarsel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/import_dialog.py" line="739"/>
        <source>Ingen lag har rollen «Levekårssoner». Velg ett lag med sonene.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/import_dialog.py" line="741"/>
        <source>Rollen «{role}» er valgt for flere lag ({layers}); velg ett.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/import_dialog.py" line="744"/>
        <source>Rollen «{role}» passer ikke for denne typen kilde.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/import_dialog.py" line="747"/>
        <source>{n} sone-ID-er i indikatortabellen finnes ikke i sonelaget: {ids}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/import_dialog.py" line="751"/>
        <source>{n} soner har ingen rader i indikatortabellen: {ids}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/import_dialog.py" line="754"/>
        <source>Noen ID-er skiller seg bare ved innledende nuller (f.eks. «101» og «0101»). Lagre ID-ene som tekst i tabellen.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/import_dialog.py" line="757"/>
        <source>Tabellen har ingen *_count-kolonner (antall), så den gir ingen indikatorer.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LayerPanel</name>
    <message>
        <location filename="../../ungtloft_map/_qt/layer_panel.py" line="57"/>
        <source>Opp</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/layer_panel.py" line="58"/>
        <source>Ned</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/layer_panel.py" line="62"/>
        <source>Gjennomsiktighet:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/layer_panel.py" line="102"/>
        <source>Bakgrunnslag</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../ungtloft_map/_qt/main_window.py" line="70"/>
        <source>UngtLøft Map</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/main_window.py" line="109"/>
        <source>Kartlag</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/main_window.py" line="121"/>
        <location filename="../../ungtloft_map/_qt/main_window.py" line="805"/>
        <source>Avbryt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/main_window.py" line="143"/>
        <source>Filtrer soner …</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/main_window.py" line="145"/>
        <source>Vis bare valgte</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/main_window.py" line="164"/>
        <source>Vis:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/main_window.py" line="165"/>
        <source>År:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/main_window.py" line="166"/>
        <source>Endring siden:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/main_window.py" line="175"/>
        <source>Søk:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/main_window.py" line="185"/>
        <source>Sonetabell</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/main_window.py" line="186"/>
        <source>Identifiser</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/main_window.py" line="187"/>
        <source>Klassifisering</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/main_window.py" line="200"/>
        <source>Indeks og klynger</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/main_window.py" line="201"/>
        <source>Diagrammer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/main_window.py" line="212"/>
        <source>&amp;Fil</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/main_window.py" line="213"/>
        <source>&amp;Åpne prosjekt …</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/main_window.py" line="216"/>
        <source>&amp;Nylige prosjekter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/main_window.py" line="217"/>
        <source>&amp;Lagre prosjekt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/main_window.py" line="220"/>
        <source>Lagre prosjekt &amp;som …</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/main_window.py" line="223"/>
        <source>Åpne &amp;datasett (mappe) …</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/main_window.py" line="226"/>
        <source>Åpne d&amp;emodata (fiktiv kommune)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/main_window.py" line="234"/>
        <source>&amp;Importer data …</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/main_window.py" line="241"/>
        <source>&amp;Eksporter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/main_window.py" line="242"/>
        <source>&amp;Nettkart (HTML) …</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/main_window.py" line="245"/>
        <source>&amp;Kartbilde (PNG) …</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/main_window.py" line="247"/>
        <source>&amp;Sonetabell (GeoPackage, CSV, XLSX) …</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/main_window.py" line="252"/>
        <source>&amp;Avslutt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/main_window.py" line="257"/>
        <source>&amp;Vis</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/main_window.py" line="258"/>
        <source>&amp;Zoom til valgte soner</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/main_window.py" line="261"/>
        <source>&amp;Fjern utvalg</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/main_window.py" line="268"/>
        <source>&amp;Språk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/main_window.py" line="280"/>
        <source>&amp;Analyse</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/main_window.py" line="281"/>
        <source>&amp;Vis tema</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/main_window.py" line="284"/>
        <source>&amp;Beregn temaer på nytt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/main_window.py" line="289"/>
        <source>&amp;Hjelp</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/main_window.py" line="290"/>
        <source>Vis &amp;advarsler fra innlesingen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/main_window.py" line="292"/>
        <source>&amp;Om UngtLøft Map</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/main_window.py" line="294"/>
        <source>&amp;Brukerveiledning</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/main_window.py" line="304"/>
        <source>&amp;Kartlagpanel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/main_window.py" line="310"/>
        <source>Åpne datasett (mappe med manifest.json)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/main_window.py" line="330"/>
        <source>Laster data …</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/main_window.py" line="336"/>
        <source>Kunne ikke åpne datasettet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/main_window.py" line="355"/>
        <source>(ingen)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/main_window.py" line="367"/>
        <source>{n} soner lastet fra {name}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/main_window.py" line="369"/>
        <source> – {n} advarsler (Hjelp → Vis advarsler)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/main_window.py" line="421"/>
        <source>Avbrutt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/main_window.py" line="426"/>
        <source>Beregner temaer (grønt, kollektiv, boliger, indeks, klynger) …</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/main_window.py" line="440"/>
        <source>{what} – %p%</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/main_window.py" line="455"/>
        <source>Beregningen feilet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/main_window.py" line="468"/>
        <source>Temaer beregnet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/main_window.py" line="470"/>
        <source>Ikke beregnet: {x}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/main_window.py" line="568"/>
        <source>Kommunen: {v} {u}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/main_window.py" line="570"/>
        <source>prosentpoeng</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/main_window.py" line="571"/>
        <source>Kartet viser endring fra {a} til {b} ({u}).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/main_window.py" line="587"/>
        <source>Kunne ikke bytte år</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/main_window.py" line="734"/>
        <source>Åpne prosjekt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/main_window.py" line="735"/>
        <location filename="../../ungtloft_map/_qt/main_window.py" line="768"/>
        <source>UngtLøft Map-prosjekt (*.ulmap)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/main_window.py" line="747"/>
        <source>Kunne ikke åpne prosjektet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/main_window.py" line="767"/>
        <source>Lagre prosjekt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/main_window.py" line="771"/>
        <source>Data i prosjektet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/main_window.py" line="772"/>
        <source>Skal dataene kopieres inn i prosjektet, eller bare refereres til der de ligger?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/main_window.py" line="773"/>
        <source>Kopier dataene</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/main_window.py" line="774"/>
        <source>Referer til dataene</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/main_window.py" line="787"/>
        <source>Kunne ikke lagre prosjektet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/main_window.py" line="794"/>
        <source>Prosjektet er lagret: {p}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/main_window.py" line="801"/>
        <source>Ulagrede endringer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/main_window.py" line="802"/>
        <source>Prosjektet har endringer som ikke er lagret. Lagre dem?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/main_window.py" line="803"/>
        <source>Lagre</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/main_window.py" line="804"/>
        <source>Ikke lagre</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/main_window.py" line="834"/>
        <source>Nettkart (*.html)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/main_window.py" line="834"/>
        <source>PNG-bilde (*.png)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/main_window.py" line="835"/>
        <source>GeoPackage (*.gpkg);;CSV (*.csv);;Excel (*.xlsx)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/main_window.py" line="836"/>
        <source>Eksporter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/main_window.py" line="856"/>
        <source>Eksporten feilet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/main_window.py" line="858"/>
        <source>Lagret {p}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/main_window.py" line="872"/>
        <source>Advarsler</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/main_window.py" line="872"/>
        <source>Ingen advarsler.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/main_window.py" line="884"/>
        <source>Språk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/main_window.py" line="885"/>
        <source>Språket byttes neste gang UngtLøft Map startes.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/main_window.py" line="896"/>
        <source>Om UngtLøft Map</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/main_window.py" line="898"/>
        <source>&lt;h3&gt;UngtLøft Map {v}&lt;/h3&gt;&lt;p&gt;Planverktøy for UNGT LØFT, Trondheim kommune: levekår, grøntstruktur, kollektivtilgang og kommunale boliger per levekårssone.&lt;/p&gt;&lt;p&gt;Demodataene er en &lt;b&gt;fiktiv kommune&lt;/b&gt; laget av programmets egen generator.&lt;/p&gt;&lt;p&gt;Kart: Leaflet (BSD-2), folium (MIT). Analyse: geopandas, shapely, pyproj (BSD/MIT), PySAL esda/libpysal (BSD-3), mapclassify (BSD-3). Grensesnitt: Qt for Python (LGPLv3).&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MoranScatter</name>
    <message>
        <location filename="../../ungtloft_map/_qt/cluster_view.py" line="245"/>
        <source>Klyngene er ikke beregnet.</source>
        <extracomment>Points of not-significant zones: LISA_COLORS&apos; own grey (#f0f0f0) is meant for map fills and vanishes on the white plot background. A press and release closer than this (pixels) is a click, not a drag. The labels of the choices, in bokmål (run through ``tr`` when shown).</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/cluster_view.py" line="248"/>
        <source>Ingen klyngeanalyse ennå.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/cluster_view.py" line="286"/>
        <source>Moran&apos;s I = {i} (p = {p})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/cluster_view.py" line="289"/>
        <source>{var} (standardisert)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/cluster_view.py" line="290"/>
        <source>Naboenes snitt (romlig lag)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/cluster_view.py" line="313"/>
        <source>Helning = Moran&apos;s I</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/cluster_view.py" line="404"/>
        <source>verdi {z}, naboer {lag}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PlanDialog</name>
    <message>
        <location filename="../../ungtloft_map/_qt/plan_dialog.py" line="328"/>
        <source>Vurder reguleringsplan</source>
        <extracomment>Row background by finding severity (&quot;info&quot; rows keep the table&apos;s own background). Model role holding a row&apos;s severity (&quot;obs&quot;, &quot;ok&quot;, &quot;info&quot;). Theme names shown in the &quot;Tema&quot; column. Progress labels of :func:`~ungtloft_map.core.pipeline.compute_themes` and of the dialog.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/plan_dialog.py" line="347"/>
        <source>Plan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/plan_dialog.py" line="350"/>
        <source>Eksempelplan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/plan_dialog.py" line="351"/>
        <source>Planfil</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/plan_dialog.py" line="352"/>
        <source>Tegnet i kartet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/plan_dialog.py" line="361"/>
        <source>Ingen fil valgt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/plan_dialog.py" line="362"/>
        <source>Velg planfil…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/plan_dialog.py" line="365"/>
        <location filename="../../ungtloft_map/_qt/plan_dialog.py" line="512"/>
        <location filename="../../ungtloft_map/_qt/plan_dialog.py" line="632"/>
        <source>Ingen flate tegnet ennå</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/plan_dialog.py" line="367"/>
        <source>Tegn i kartet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/plan_dialog.py" line="369"/>
        <source>Klikk i kartet for å sette hjørner, dobbeltklikk for å avslutte (Esc avbryter).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/plan_dialog.py" line="379"/>
        <source>Forutsetninger</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/plan_dialog.py" line="387"/>
        <source>Sonen rundt planen der bosatte og levekår telles</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/plan_dialog.py" line="397"/>
        <source>Buffer rundt planen:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/plan_dialog.py" line="398"/>
        <source>Nye kommunale boliger:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/plan_dialog.py" line="399"/>
        <source>Andre nye boliger:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/plan_dialog.py" line="407"/>
        <source>Vurder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/plan_dialog.py" line="409"/>
        <source>Avbryt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/plan_dialog.py" line="467"/>
        <source>Lagre rapport…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/plan_dialog.py" line="476"/>
        <source>Lukk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/plan_dialog.py" line="521"/>
        <source>(prosjektet har ingen eksempelplaner)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/plan_dialog.py" line="569"/>
        <source>Velg planfil</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/plan_dialog.py" line="570"/>
        <source>Reguleringsplaner ({patterns});;Alle filer (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/plan_dialog.py" line="584"/>
        <source>Tegn i kartet: klikk for hjørner, dobbeltklikk for å avslutte</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/plan_dialog.py" line="602"/>
        <source>Planen kan ikke leses: {e}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/plan_dialog.py" line="634"/>
        <source>forventet en liste med (lengdegrad, breddegrad)-par</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/plan_dialog.py" line="635"/>
        <source>Flaten fra kartet kan ikke brukes: {e}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/plan_dialog.py" line="639"/>
        <source>Tegnet flate: {n} hjørner, {ha} ha</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/plan_dialog.py" line="650"/>
        <source>den har færre enn tre hjørner</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/plan_dialog.py" line="660"/>
        <source>flaten har ikke noe areal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/plan_dialog.py" line="661"/>
        <source>Tegnet plan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/plan_dialog.py" line="667"/>
        <source>ingen fil</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/plan_dialog.py" line="668"/>
        <source>tegnet i kartet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/plan_dialog.py" line="675"/>
        <source>Trykk «Tegn i kartet» og tegn planområdet i kartet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/plan_dialog.py" line="677"/>
        <source>Velg en plan.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/plan_dialog.py" line="683"/>
        <source>1 flate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/plan_dialog.py" line="683"/>
        <source>{n} flater</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/plan_dialog.py" line="684"/>
        <source>{name} – {fmt}, {ha} ha, {parts}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/plan_dialog.py" line="688"/>
        <source>{n} merknader ved lesing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/plan_dialog.py" line="706"/>
        <source>Antall boliger er hentet fra planfilen; endre dem ved behov.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/plan_dialog.py" line="708"/>
        <source>Planen oppgir ingen boliger; fyll inn antallet planen gir.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/plan_dialog.py" line="739"/>
        <source>Velg en plan først.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/plan_dialog.py" line="787"/>
        <source>Vurderingen feilet: {e}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/plan_dialog.py" line="810"/>
        <source>{name} ({ha} ha)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/plan_dialog.py" line="813"/>
        <source>Bosatte: {plan} i planområdet, {buffer} innen {m} m · Soner berørt: {n} (planen ligger i {zones}) · Funn verdt en nærmere titt: {obs} av {total}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/plan_dialog.py" line="824"/>
        <source>Fiktive demodata – ikke virkelige personer eller steder.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/plan_dialog.py" line="836"/>
        <source>Lagre planrapport</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/plan_dialog.py" line="837"/>
        <source>PDF (*.pdf);;HTML (*.html *.htm)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/plan_dialog.py" line="852"/>
        <source>Vurder en plan før du lagrer rapporten.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/plan_dialog.py" line="857"/>
        <source>Rapporten lagres som .pdf eller .html, ikke {s}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/plan_dialog.py" line="858"/>
        <source>(uten endelse)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/plan_dialog.py" line="865"/>
        <source>Skriver rapporten …</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/plan_dialog.py" line="875"/>
        <source>Rapporten er lagret: {link}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/plan_dialog.py" line="885"/>
        <source>Rapporten ble ikke lagret: {e}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ReferenceDialog</name>
    <message>
        <location filename="../../ungtloft_map/_qt/dashboard_panel.py" line="467"/>
        <source>Referanseverdier</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/dashboard_panel.py" line="472"/>
        <source>Skriv inn referanseverdier, for eksempel landets tall fra folkehelseprofilen. Tomt felt betyr ingen referanse. For valgte soner er kommunen referansen når feltet er tomt.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/dashboard_panel.py" line="478"/>
        <source>landet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/dashboard_panel.py" line="480"/>
        <source>Referansen gjelder:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/dashboard_panel.py" line="485"/>
        <source>Indikator</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/dashboard_panel.py" line="485"/>
        <source>Verdi nå</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/dashboard_panel.py" line="485"/>
        <source>Referanse</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/dashboard_panel.py" line="515"/>
        <source>OK</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/dashboard_panel.py" line="516"/>
        <source>Avbryt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/dashboard_panel.py" line="517"/>
        <source>Tøm alle</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/dashboard_panel.py" line="541"/>
        <source>Ikke et tall</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/dashboard_panel.py" line="543"/>
        <source>Skriv tall med desimalkomma, for eksempel 10,4.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TargetingPanel</name>
    <message>
        <location filename="../../ungtloft_map/_qt/targeting_panel.py" line="471"/>
        <source>Rangering</source>
        <extracomment>Slider steps per weight unit: a slider 0–50 is a weight 0,0–5,0 in steps of 0,1. Light tint of a candidate value worse than the municipality (direction-aware). Line colours of the candidates in the profile chart (ColorBrewer Dark2, readable on white). Index methods, labels in bokmål (run through ``tr`` when shown). Variables of the inside-zone map: (column, label, unit, colour map, decimals). Rows of the comparison table that are not indicators (no profile point).</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/targeting_panel.py" line="472"/>
        <source>Kandidater</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/targeting_panel.py" line="473"/>
        <source>Sammenligningssoner</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/targeting_panel.py" line="474"/>
        <source>Innsiden av sonen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/targeting_panel.py" line="476"/>
        <source>Eksporter utvalget …</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/targeting_panel.py" line="479"/>
        <source>Skriver GeoPackage, CSV og et kort notat (HTML/PDF) med målområdet valgt under «Sammenligningssoner», sammenligningssonene, vektene og året.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/targeting_panel.py" line="510"/>
        <source>SVI: persentilrang per indikator, snitt per tema, rangert på nytt. COI: vektede, befolkningsvektede z-verdier. Oslo: forhold til kommunens nivå (100 = kommunen).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/targeting_panel.py" line="513"/>
        <source>Tilbakestill vekter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/targeting_panel.py" line="515"/>
        <source>Setter alle vekter tilbake til 1,0 (standard).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/targeting_panel.py" line="518"/>
        <source>Metode:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/targeting_panel.py" line="536"/>
        <source>Rang</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/targeting_panel.py" line="536"/>
        <location filename="../../ungtloft_map/_qt/targeting_panel.py" line="737"/>
        <location filename="../../ungtloft_map/_qt/targeting_panel.py" line="739"/>
        <source>Sone-ID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/targeting_panel.py" line="536"/>
        <location filename="../../ungtloft_map/_qt/targeting_panel.py" line="737"/>
        <location filename="../../ungtloft_map/_qt/targeting_panel.py" line="739"/>
        <source>Sone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/targeting_panel.py" line="537"/>
        <source>Indeks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/targeting_panel.py" line="537"/>
        <source>Endring</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/targeting_panel.py" line="538"/>
        <source>Stabilitet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/targeting_panel.py" line="540"/>
        <source>1 = mest belastede sone med vektene over</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/targeting_panel.py" line="543"/>
        <source>Sammensatt belastningsindeks; høyere = mer belastet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/targeting_panel.py" line="544"/>
        <source>Plasser sonen har flyttet seg siden standardvektene (alle 1): ↑ = mot rang 1 (mer belastet), ↓ = nedover</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/targeting_panel.py" line="546"/>
        <source>Andel av 1 000 tilfeldige vektinger (hver vekt ±25 %) der sonen er blant de N mest belastede</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/targeting_panel.py" line="549"/>
        <source>Rang med standardvektene (alle 1): {n}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/targeting_panel.py" line="572"/>
        <source>topp </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/targeting_panel.py" line="574"/>
        <source>Beregn stabilitet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/targeting_panel.py" line="587"/>
        <source>Stabilitet for</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/targeting_panel.py" line="621"/>
        <source>Navn (valgfritt), f.eks. Østbyen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/targeting_panel.py" line="622"/>
        <source>Legg til utvalget som kandidat</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/targeting_panel.py" line="625"/>
        <source>De valgte sonene blir ett kandidatområde. Sonene må grense til hverandre.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/targeting_panel.py" line="639"/>
        <source>Fjern</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/targeting_panel.py" line="642"/>
        <source>Velg i kartet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/targeting_panel.py" line="644"/>
        <source>Velger kandidatens soner i kartet og tabellen.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/targeting_panel.py" line="646"/>
        <source>Sammenlign</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/targeting_panel.py" line="648"/>
        <source>Sammenligner 2–5 kandidater side om side.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/targeting_panel.py" line="676"/>
        <source>Persentil blant sonene (1 = mest belastet)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/targeting_panel.py" line="677"/>
        <source>Forhold til kommunen (100 = kommunen)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/targeting_panel.py" line="685"/>
        <source>Vis:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/targeting_panel.py" line="692"/>
        <source>Tabell</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/targeting_panel.py" line="693"/>
        <source>Kart</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/targeting_panel.py" line="694"/>
        <source>Profil</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/targeting_panel.py" line="719"/>
        <source>Foreslå</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/targeting_panel.py" line="722"/>
        <source>Finner sonene som ligner mest på målområdet i levekårsindikatorene (standardisert avstand). Soner som grenser til målområdet holdes utenfor.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/targeting_panel.py" line="726"/>
        <source>Målområde:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/targeting_panel.py" line="728"/>
        <source>Antall:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/targeting_panel.py" line="737"/>
        <location filename="../../ungtloft_map/_qt/targeting_panel.py" line="739"/>
        <source>Likhet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/targeting_panel.py" line="737"/>
        <source>Valgt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/targeting_panel.py" line="743"/>
        <source>Foreslåtte sammenligningssoner</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/targeting_panel.py" line="747"/>
        <source>Andre mulige soner</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/targeting_panel.py" line="756"/>
        <source>Bytt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/targeting_panel.py" line="759"/>
        <source>Bytter den valgte foreslåtte sonen med den valgte sonen fra listen til høyre.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/targeting_panel.py" line="761"/>
        <source>Godta</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/targeting_panel.py" line="763"/>
        <source>Bruker disse sonene i eksporten.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/targeting_panel.py" line="765"/>
        <source>Vis i kartet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/targeting_panel.py" line="768"/>
        <source>Velger målområdet og sammenligningssonene i kartet og tabellen.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/targeting_panel.py" line="806"/>
        <source>Område:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/targeting_panel.py" line="807"/>
        <source>Farge etter:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/targeting_panel.py" line="821"/>
        <location filename="../../ungtloft_map/_qt/targeting_panel.py" line="1741"/>
        <source>Legg til en kandidat for å se befolkningsrutene (250 m) inne i den.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/targeting_panel.py" line="870"/>
        <source>Kan ikke rangere sonene: {e}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/targeting_panel.py" line="872"/>
        <source>Rangeringen kommer når temaene er beregnet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/targeting_panel.py" line="970"/>
        <source>Vekt for hele temaet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/targeting_panel.py" line="1006"/>
        <source>Kan ikke rangere: alle vektene er 0. Gi minst én indikator og temaet dens en vekt over 0. Rangeringen under er den forrige.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/targeting_panel.py" line="1014"/>
        <source>Kan ikke rangere med disse vektene: {e}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/targeting_panel.py" line="1020"/>
        <source>{n} soner har flyttet seg siden standardvektene.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/targeting_panel.py" line="1021"/>
        <source>Rangeringen med standardvektene (alle 1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/targeting_panel.py" line="1023"/>
        <source>Stabiliteten er ikke beregnet for disse vektene.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/targeting_panel.py" line="1069"/>
        <source>Stabilitet: andel av {d} tilfeldige vektinger (hver vekt ±{s} %) der sonen er blant de {n} mest belastede. {a} soner er med i alle.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/targeting_panel.py" line="1081"/>
        <source>Stabiliteten kunne ikke beregnes: {e}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/targeting_panel.py" line="1149"/>
        <source>1 sone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/targeting_panel.py" line="1149"/>
        <source>{n} soner</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/targeting_panel.py" line="1154"/>
        <source>Ingen soner valgt. Velg sonene i kartet, sonetabellen eller rangeringen (Ctrl/Shift for flere).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/targeting_panel.py" line="1157"/>
        <source>Utvalg: {n} – {z}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/targeting_panel.py" line="1160"/>
        <source>Utvalg: {n} – {z} …</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/targeting_panel.py" line="1203"/>
        <source>{a} og {b}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/targeting_panel.py" line="1205"/>
        <source>{a} m.fl. ({n} soner)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/targeting_panel.py" line="1225"/>
        <source>Velg først en eller flere sammenhengende soner i kartet, sonetabellen eller rangeringen.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/targeting_panel.py" line="1229"/>
        <source>Det kan være høyst {n} kandidater. Fjern en før du legger til en ny.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/targeting_panel.py" line="1233"/>
        <source>Disse sonene er allerede kandidaten «{c}».</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/targeting_panel.py" line="1237"/>
        <source>Det finnes allerede en kandidat som heter «{c}». Velg et annet navn.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/targeting_panel.py" line="1243"/>
        <source>Sonene henger ikke sammen: {a} grenser ikke til {b}. Et kandidatområde må være sammenhengende – legg til sonene imellom, eller velg bare naboer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/targeting_panel.py" line="1254"/>
        <source>La til «{c}»: {z}, {p} bosatte.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/targeting_panel.py" line="1317"/>
        <source>bosatte</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/targeting_panel.py" line="1318"/>
        <source>{c} – {z}{p}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/targeting_panel.py" line="1346"/>
        <source>Legg til 2–{n} kandidater for å sammenligne dem.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/targeting_panel.py" line="1368"/>
        <source>Sammenligner {n} kandidater …</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/targeting_panel.py" line="1385"/>
        <source>Sammenlignet {n} kandidater. Verdiene er regnet ut på nytt fra tellere og nevnere for hele området.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/targeting_panel.py" line="1415"/>
        <source>Måltall</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/targeting_panel.py" line="1415"/>
        <source>Enhet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/targeting_panel.py" line="1415"/>
        <source>Kommunen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/targeting_panel.py" line="1439"/>
        <source>{r} av {n}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/targeting_panel.py" line="1450"/>
        <source>Regnet ut som: {m}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/targeting_panel.py" line="1452"/>
        <source>Ville vært nr. {r} av {n} soner (1 = mest belastet)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/targeting_panel.py" line="1467"/>
        <source>Rosa felt: verre enn kommunen (retningen på indikatoren tatt med).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/targeting_panel.py" line="1496"/>
        <location filename="../../ungtloft_map/_qt/targeting_panel.py" line="1582"/>
        <source>Sammenlign kandidatene for å se dem på kartet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/targeting_panel.py" line="1515"/>
        <source>rang {r} av {n}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/targeting_panel.py" line="1518"/>
        <source>Sammensatt indeks med vektene i «Rangering» (mørkere = mer belastet); kandidaten svart omrisset</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/targeting_panel.py" line="1528"/>
        <location filename="../../ungtloft_map/_qt/targeting_panel.py" line="1584"/>
        <source>Sammenlign kandidatene for å se profilen.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/targeting_panel.py" line="1567"/>
        <source>Forhold til kommunen (100 = kommunen; se retningen for «Fullført videregående», grønt og avganger: høyt er bra)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/targeting_panel.py" line="1572"/>
        <source>Persentil blant sonene: 1 = mest belastet, 0,5 = midt på</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/targeting_panel.py" line="1610"/>
        <source>Legg til en kandidat under «Kandidater» først.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/targeting_panel.py" line="1624"/>
        <source>Velg en foreslått sone og en sone fra listen til høyre for å bytte, og trykk «Godta» når du er fornøyd.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/targeting_panel.py" line="1640"/>
        <source>Byttet {a} med {b}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/targeting_panel.py" line="1649"/>
        <source>Velg én foreslått sone og én sone fra listen til høyre.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/targeting_panel.py" line="1659"/>
        <source>Godtatt: {n} sammenligningssoner for «{t}» – {z}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/targeting_panel.py" line="1690"/>
        <source>Velg målområdet og trykk «Foreslå» for å finne sonene som ligner mest på det (til en før–etter-evaluering).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/targeting_panel.py" line="1695"/>
        <source>forslag</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/targeting_panel.py" line="1695"/>
        <source>byttet inn</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/targeting_panel.py" line="1706"/>
        <source>Likhet = 1 / (1 + avstand); avstand {d} (standardisert)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/targeting_panel.py" line="1717"/>
        <source>Målområde: {t}. Matchet på {n} indikatorer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/targeting_panel.py" line="1720"/>
        <source>Holdt utenfor fordi de grenser til målområdet ({n}): {z}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/targeting_panel.py" line="1791"/>
        <source>nær kvalifiserende grøntområde</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/targeting_panel.py" line="1806"/>
        <source>{c}: {v}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/targeting_panel.py" line="1815"/>
        <source>{n} ruter, {p} bosatte</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/targeting_panel.py" line="1819"/>
        <source>{s} bor nær et kvalifiserende grøntområde</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/targeting_panel.py" line="1822"/>
        <source>reisetid til sentrum {a}–{b} min</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/targeting_panel.py" line="1826"/>
        <source>{n} ruter med 1–4 bosatte er skjermet (grå, skravert).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/targeting_panel.py" line="1844"/>
        <source>Legg til en kandidat og velg den som målområde under «Sammenligningssoner» før du eksporterer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/targeting_panel.py" line="1898"/>
        <source>Eksporter utvalget</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/targeting_panel.py" line="1899"/>
        <source>Utvalg: GeoPackage, CSV og notat (*.gpkg)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/targeting_panel.py" line="1921"/>
        <source>Eksporterer …</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/targeting_panel.py" line="1932"/>
        <source>Skrev {n} filer i {d}: {f}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/targeting_panel.py" line="1942"/>
        <source>Eksporten feilet: {e}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TileWidget</name>
    <message>
        <location filename="../../ungtloft_map/_qt/dashboard_panel.py" line="341"/>
        <source>bedre</source>
        <extracomment>The 17 SDGs by their official Norwegian names (FN-sambandet), for the SDG filter. Decimals shown per unit (as the annual summary). Frame colour of a tile without a status colour to show (no reference, no data). Text colours of the badge on each status fill (dark on the light fills).</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/dashboard_panel.py" line="341"/>
        <source>likt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/dashboard_panel.py" line="341"/>
        <source>dårligere</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/dashboard_panel.py" line="342"/>
        <source>ingen referanse</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/dashboard_panel.py" line="342"/>
        <location filename="../../ungtloft_map/_qt/dashboard_panel.py" line="359"/>
        <source>ingen data</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/dashboard_panel.py" line="358"/>
        <source>ingen data ennå</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/dashboard_panel.py" line="375"/>
        <location filename="../../ungtloft_map/_qt/dashboard_panel.py" line="433"/>
        <source>Kilde: {s}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/dashboard_panel.py" line="380"/>
        <source>nå</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/dashboard_panel.py" line="382"/>
        <source>* Bygger på færre enn 5 personer: vises som «–» i eksport.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/dashboard_panel.py" line="387"/>
        <source>bedring</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/dashboard_panel.py" line="387"/>
        <source>stabil</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/dashboard_panel.py" line="388"/>
        <source>forverring</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/dashboard_panel.py" line="391"/>
        <source>Utvikling {a}–{b}: {w}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/dashboard_panel.py" line="400"/>
        <source>Øyeblikksbilde fra kartlagene (ingen tidsserie)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/dashboard_panel.py" line="409"/>
        <source>({r}× best)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/dashboard_panel.py" line="410"/>
        <source>Best: {b} {bv}&lt;br&gt;Verst: {w} {wv}{gap}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/dashboard_panel.py" line="413"/>
        <source>Spredning mellom {n} soner: verst/best = {r}, forskjell {d}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/dashboard_panel.py" line="417"/>
        <source>{n} soner med små tall er utelatt.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/dashboard_panel.py" line="420"/>
        <source>Ingen spredning (færre enn to soner med verdi)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/dashboard_panel.py" line="424"/>
        <source>referansen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/dashboard_panel.py" line="425"/>
        <source>Referanse ({label}): {v}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/dashboard_panel.py" line="428"/>
        <source>Ingen referanseverdi</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/dashboard_panel.py" line="430"/>
        <source>Høy verdi er bra</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/dashboard_panel.py" line="430"/>
        <source>Høy verdi er dårlig</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
