// Curated en-US places: real city names with their real state, a ZIP code prefix (the first three
// digits) of that state and an area code of that state. ZIP codes are completed with two random
// digits, so a ZIP code is plausible for its state but need not be delivered to; phone numbers pair
// the area code with the fictional 555-01xx line block, so no number reaches a person.
// Format of each line: "City|ST|ZIP3|area code".
// Data, not logic: core/generate/locales/enUS.ts reads it.

export const US_STATES: Readonly<Record<string, string>> = {
  AL: "Alabama",
  AK: "Alaska",
  AZ: "Arizona",
  AR: "Arkansas",
  CA: "California",
  CO: "Colorado",
  CT: "Connecticut",
  DE: "Delaware",
  DC: "District of Columbia",
  FL: "Florida",
  GA: "Georgia",
  HI: "Hawaii",
  ID: "Idaho",
  IL: "Illinois",
  IN: "Indiana",
  IA: "Iowa",
  KS: "Kansas",
  KY: "Kentucky",
  LA: "Louisiana",
  ME: "Maine",
  MD: "Maryland",
  MA: "Massachusetts",
  MI: "Michigan",
  MN: "Minnesota",
  MS: "Mississippi",
  MO: "Missouri",
  MT: "Montana",
  NE: "Nebraska",
  NV: "Nevada",
  NH: "New Hampshire",
  NJ: "New Jersey",
  NM: "New Mexico",
  NY: "New York",
  NC: "North Carolina",
  ND: "North Dakota",
  OH: "Ohio",
  OK: "Oklahoma",
  OR: "Oregon",
  PA: "Pennsylvania",
  RI: "Rhode Island",
  SC: "South Carolina",
  SD: "South Dakota",
  TN: "Tennessee",
  TX: "Texas",
  UT: "Utah",
  VT: "Vermont",
  VA: "Virginia",
  WA: "Washington",
  WV: "West Virginia",
  WI: "Wisconsin",
  WY: "Wyoming",
};

export const US_PLACES: readonly string[] = `
Birmingham|AL|352|205 Montgomery|AL|361|334 Mobile|AL|366|251 Huntsville|AL|358|256 Tuscaloosa|AL|354|205 Auburn|AL|368|334 Dothan|AL|363|334
Anchorage|AK|995|907 Fairbanks|AK|997|907 Juneau|AK|998|907 Wasilla|AK|996|907 Sitka|AK|998|907 Kenai|AK|996|907
Phoenix|AZ|850|602 Tucson|AZ|857|520 Mesa|AZ|852|480 Scottsdale|AZ|852|480 Flagstaff|AZ|860|928 Tempe|AZ|852|480 Yuma|AZ|853|928 Prescott|AZ|863|928
Little Rock|AR|722|501 Fayetteville|AR|727|479 Fort Smith|AR|729|479 Jonesboro|AR|724|870 Conway|AR|720|501 Hot Springs|AR|719|501
Los Angeles|CA|900|213 San Diego|CA|921|619 San Jose|CA|951|408 San Francisco|CA|941|415 Sacramento|CA|958|916 Fresno|CA|937|559 Oakland|CA|946|510 Long Beach|CA|908|562 Santa Barbara|CA|931|805 Pasadena|CA|911|626 Berkeley|CA|947|510 Irvine|CA|926|949 Bakersfield|CA|933|661 Riverside|CA|925|951 Santa Rosa|CA|954|707 Redding|CA|960|530
Denver|CO|802|303 Colorado Springs|CO|809|719 Boulder|CO|803|303 Fort Collins|CO|805|970 Aurora|CO|800|303 Pueblo|CO|810|719 Grand Junction|CO|815|970
Hartford|CT|061|860 New Haven|CT|065|203 Stamford|CT|069|203 Bridgeport|CT|066|203 Waterbury|CT|067|203 Norwalk|CT|068|203
Wilmington|DE|198|302 Dover|DE|199|302 Newark|DE|197|302 Lewes|DE|199|302 Middletown|DE|197|302
Washington|DC|200|202
Miami|FL|331|305 Orlando|FL|328|407 Tampa|FL|336|813 Jacksonville|FL|322|904 Tallahassee|FL|323|850 Gainesville|FL|326|352 Fort Lauderdale|FL|333|954 St. Petersburg|FL|337|727 Sarasota|FL|342|941 Pensacola|FL|325|850 Naples|FL|341|239
Atlanta|GA|303|404 Savannah|GA|314|912 Augusta|GA|309|706 Athens|GA|306|706 Macon|GA|312|478 Columbus|GA|319|706 Marietta|GA|300|770
Honolulu|HI|968|808 Hilo|HI|967|808 Kailua|HI|967|808 Lahaina|HI|967|808 Kapolei|HI|967|808
Boise|ID|837|208 Idaho Falls|ID|834|208 Pocatello|ID|832|208 Coeur d'Alene|ID|838|208 Nampa|ID|836|208 Twin Falls|ID|833|208
Chicago|IL|606|312 Springfield|IL|627|217 Peoria|IL|616|309 Rockford|IL|611|815 Naperville|IL|605|630 Champaign|IL|618|217 Evanston|IL|602|847 Joliet|IL|604|815
Indianapolis|IN|462|317 Fort Wayne|IN|468|260 Bloomington|IN|474|812 South Bend|IN|466|574 Evansville|IN|477|812 Lafayette|IN|479|765 Carmel|IN|460|317
Des Moines|IA|503|515 Cedar Rapids|IA|524|319 Iowa City|IA|522|319 Davenport|IA|528|563 Ames|IA|500|515 Dubuque|IA|520|563 Sioux City|IA|511|712
Wichita|KS|672|316 Topeka|KS|666|785 Lawrence|KS|660|785 Overland Park|KS|662|913 Manhattan|KS|665|785 Salina|KS|674|785
Louisville|KY|402|502 Lexington|KY|405|859 Frankfort|KY|406|502 Bowling Green|KY|421|270 Owensboro|KY|423|270 Paducah|KY|420|270
New Orleans|LA|701|504 Baton Rouge|LA|708|225 Shreveport|LA|711|318 Lafayette|LA|705|337 Lake Charles|LA|706|337 Monroe|LA|712|318
Portland|ME|041|207 Bangor|ME|044|207 Augusta|ME|043|207 Lewiston|ME|042|207 Bar Harbor|ME|046|207 Brunswick|ME|040|207
Baltimore|MD|212|410 Annapolis|MD|214|410 Rockville|MD|208|301 Frederick|MD|217|301 Silver Spring|MD|209|301 Columbia|MD|210|410 Hagerstown|MD|217|301
Boston|MA|021|617 Cambridge|MA|021|617 Worcester|MA|016|508 Springfield|MA|011|413 Lowell|MA|018|978 Salem|MA|019|978 Amherst|MA|010|413 Plymouth|MA|023|508
Detroit|MI|482|313 Grand Rapids|MI|495|616 Ann Arbor|MI|481|734 Lansing|MI|489|517 Kalamazoo|MI|490|269 Flint|MI|485|810 Traverse City|MI|496|231 Marquette|MI|498|906
Minneapolis|MN|554|612 Saint Paul|MN|551|651 Duluth|MN|558|218 Rochester|MN|559|507 Bloomington|MN|554|952 St. Cloud|MN|563|320 Mankato|MN|560|507
Jackson|MS|392|601 Gulfport|MS|395|228 Biloxi|MS|395|228 Hattiesburg|MS|394|601 Oxford|MS|386|662 Tupelo|MS|388|662
Kansas City|MO|641|816 St. Louis|MO|631|314 Springfield|MO|658|417 Columbia|MO|652|573 Jefferson City|MO|651|573 Joplin|MO|648|417
Billings|MT|591|406 Missoula|MT|598|406 Bozeman|MT|597|406 Helena|MT|596|406 Great Falls|MT|594|406 Butte|MT|597|406
Omaha|NE|681|402 Lincoln|NE|685|402 Grand Island|NE|688|308 Kearney|NE|688|308 North Platte|NE|691|308
Las Vegas|NV|891|702 Reno|NV|895|775 Henderson|NV|890|702 Carson City|NV|897|775 Elko|NV|898|775 Sparks|NV|894|775
Manchester|NH|031|603 Concord|NH|033|603 Nashua|NH|030|603 Portsmouth|NH|038|603 Keene|NH|034|603 Dover|NH|038|603
Newark|NJ|071|973 Jersey City|NJ|073|201 Trenton|NJ|086|609 Princeton|NJ|085|609 Hoboken|NJ|070|201 Camden|NJ|081|856 Atlantic City|NJ|084|609 Paterson|NJ|075|973
Albuquerque|NM|871|505 Santa Fe|NM|875|505 Las Cruces|NM|880|575 Roswell|NM|882|575 Taos|NM|875|575 Farmington|NM|874|505
New York|NY|100|212 Brooklyn|NY|112|718 Buffalo|NY|142|716 Rochester|NY|146|585 Albany|NY|122|518 Syracuse|NY|132|315 Ithaca|NY|148|607 Yonkers|NY|107|914 Binghamton|NY|139|607 Saratoga Springs|NY|128|518
Charlotte|NC|282|704 Raleigh|NC|276|919 Durham|NC|277|919 Greensboro|NC|274|336 Asheville|NC|288|828 Wilmington|NC|284|910 Chapel Hill|NC|275|919 Winston-Salem|NC|271|336
Fargo|ND|581|701 Bismarck|ND|585|701 Grand Forks|ND|582|701 Minot|ND|587|701 Dickinson|ND|586|701
Columbus|OH|432|614 Cleveland|OH|441|216 Cincinnati|OH|452|513 Toledo|OH|436|419 Dayton|OH|454|937 Akron|OH|443|330 Youngstown|OH|445|330 Athens|OH|457|740
Oklahoma City|OK|731|405 Tulsa|OK|741|918 Norman|OK|730|405 Stillwater|OK|740|405 Lawton|OK|735|580 Enid|OK|737|580
Portland|OR|972|503 Eugene|OR|974|541 Salem|OR|973|503 Bend|OR|977|541 Medford|OR|975|541 Corvallis|OR|973|541 Astoria|OR|971|503
Philadelphia|PA|191|215 Pittsburgh|PA|152|412 Harrisburg|PA|171|717 Allentown|PA|181|610 Erie|PA|165|814 Lancaster|PA|176|717 Scranton|PA|185|570 State College|PA|168|814 Reading|PA|196|610
Providence|RI|029|401 Newport|RI|028|401 Warwick|RI|028|401 Cranston|RI|029|401 Pawtucket|RI|028|401
Charleston|SC|294|843 Columbia|SC|292|803 Greenville|SC|296|864 Myrtle Beach|SC|295|843 Spartanburg|SC|293|864 Rock Hill|SC|297|803
Sioux Falls|SD|571|605 Rapid City|SD|577|605 Pierre|SD|575|605 Aberdeen|SD|574|605 Brookings|SD|570|605
Nashville|TN|372|615 Memphis|TN|381|901 Knoxville|TN|379|865 Chattanooga|TN|374|423 Murfreesboro|TN|371|615 Johnson City|TN|376|423 Clarksville|TN|370|931
Houston|TX|770|713 Dallas|TX|752|214 Austin|TX|787|512 San Antonio|TX|782|210 Fort Worth|TX|761|817 El Paso|TX|799|915 Lubbock|TX|794|806 Amarillo|TX|791|806 Corpus Christi|TX|784|361 Waco|TX|767|254 Plano|TX|750|972 Galveston|TX|775|409 Laredo|TX|780|956 Midland|TX|797|432
Salt Lake City|UT|841|801 Provo|UT|846|801 Ogden|UT|844|801 St. George|UT|847|435 Logan|UT|843|435 Park City|UT|840|435 Moab|UT|845|435
Burlington|VT|054|802 Montpelier|VT|056|802 Rutland|VT|057|802 Brattleboro|VT|053|802 Stowe|VT|056|802 Bennington|VT|052|802
Richmond|VA|232|804 Virginia Beach|VA|234|757 Norfolk|VA|235|757 Arlington|VA|222|703 Alexandria|VA|223|703 Charlottesville|VA|229|434 Roanoke|VA|240|540 Lynchburg|VA|245|434
Seattle|WA|981|206 Spokane|WA|992|509 Tacoma|WA|984|253 Olympia|WA|985|360 Bellevue|WA|980|425 Vancouver|WA|986|360 Bellingham|WA|982|360 Yakima|WA|989|509
Charleston|WV|253|304 Morgantown|WV|265|304 Huntington|WV|257|304 Wheeling|WV|260|304 Parkersburg|WV|261|304 Beckley|WV|258|304
Milwaukee|WI|532|414 Madison|WI|537|608 Green Bay|WI|543|920 Eau Claire|WI|547|715 La Crosse|WI|546|608 Appleton|WI|549|920 Kenosha|WI|531|262 Oshkosh|WI|549|920
Cheyenne|WY|820|307 Casper|WY|826|307 Laramie|WY|820|307 Jackson|WY|830|307 Sheridan|WY|828|307 Rock Springs|WY|829|307 Gillette|WY|827|307
`
  .split(/(?<=\|\d{3}) |\n/)
  .map((s) => s.trim())
  .filter((s) => s !== "");
