import type { CoalitionSeed } from './coalition-seed.js';

/**
 * Sourced facts about the Global Coalition to Address Synthetic Drug Threats, copied from the
 * research file the team was given (each fact names its sources by key). Nothing here is inferred:
 * a gap in the research stays a gap. Edit only with a source.
 */
export const SYNTHETIC_DRUG_COALITION: CoalitionSeed = {
  "about": "Sourced facts about the Global Coalition to Address Synthetic Drug Threats, gathered from stored copies of public pages. Every fact names its source by id. 'not found' means no public source was found; do not fill such gaps with guesses. Dates are ISO; 'precision' says whether a date is exact to the DAY or only known to the MONTH; 'attested' means the source shows the fact true on that date (it may have been true earlier).",
  "sources": {
    "seed-scmp": {
      "title": "US seeks to heap pressure on China through global coalition tackling fentanyl and other opioids",
      "publisher": "South China Morning Post",
      "publishedOn": "2023-07-07",
      "url": null,
      "note": "the article the project was created from; reports Robinson's remarks of Thursday 6 July 2023"
    },
    "reuters-vnexpress": {
      "title": "US wants coalition of nations to engage China in curbing synthetic drugs (Reuters)",
      "publisher": "VnExpress International / Reuters",
      "publishedOn": "2023-07-07",
      "url": "https://e.vnexpress.net/news/world/us-wants-coalition-of-nations-to-engage-china-in-curbing-synthetic-drugs-4626205.html"
    },
    "urdupoint-invited": {
      "title": "US invited China to anti-drug coalition launch",
      "publisher": "UrduPoint",
      "publishedOn": "2023-07-06",
      "url": "https://www.urdupoint.com/en/world/us-invited-china-to-anti-drug-coalition-launc-1719632.html"
    },
    "blinken-launch": {
      "title": "Virtual Ministerial Meeting to Launch the Global Coalition to Address Synthetic Drug Threats (Secretary Blinken's remarks)",
      "publisher": "U.S. Embassy in Chile",
      "publishedOn": "2023-07-07",
      "url": "https://cl.usembassy.gov/virtual-ministerial-meeting-to-launch-the-global-coalition-to-address-synthetic-drugs/"
    },
    "bloomberg-borderland": {
      "title": "US Forms 84-Country Coalition to Combat Synthetic Drugs (Bloomberg, reposted)",
      "publisher": "Borderland Beat",
      "publishedOn": "2023-07-07",
      "url": "https://www.borderlandbeat.com/2023/07/us-forms-84-country-coalition-to-combat.html"
    },
    "blaze-launch": {
      "title": "Biden admin launches global coalition to combat drug trafficking, but China, world's primary source of fentanyl, skips initial meeting",
      "publisher": "TheBlaze",
      "publishedOn": "2023-07-07",
      "url": "https://www.theblaze.com/news/biden-admin-launches-global-coalition-to-combat-drug-trafficking-but-china-world-s-primary-source-of-fentanyl-skips-initial-meeting"
    },
    "zawya-qatar": {
      "title": "Qatar joins launch of global coalition to combat drug menace",
      "publisher": "Zawya",
      "publishedOn": "2023-07-08",
      "url": "https://www.zawya.com/en/legal/crime-and-security/qatar-joins-launch-of-global-coalition-to-combat-drug-menace-fdwmjejx"
    },
    "state-faq": {
      "title": "Global Coalition Frequently Asked Questions",
      "publisher": "U.S. Department of State",
      "publishedOn": null,
      "url": "https://www.state.gov/global-coalition-frequently-asked-questions/"
    },
    "state-wg-launch": {
      "title": "Highlighting U.S. and Global Efforts to Address the Health and Security Threats of Synthetic Drugs through Global Cooperation",
      "publisher": "U.S. Department of State",
      "publishedOn": "2023-09-26",
      "url": "https://www.state.gov/highlighting-u-s-and-global-efforts-to-address-the-health-and-security-threats-of-synthetic-drugs-through-global-cooperation/"
    },
    "coalition-wgs": {
      "title": "Working Groups",
      "publisher": "Global Coalition to Address Synthetic Drug Threats",
      "publishedOn": null,
      "url": "https://globalcoalition.us/working-groups"
    },
    "wh-2023-11-16": {
      "title": "Fact Sheet: Biden-Harris Administration Continues Progress on Fight Against Global Illicit Drug Trafficking",
      "publisher": "The White House",
      "publishedOn": "2023-11-16",
      "url": "https://bidenwhitehouse.archives.gov/briefing-room/statements-releases/2023/11/16/fact-sheet-biden-harris-administration-continues-progress-on-fight-against-global-illicit-drug-trafficking/"
    },
    "state-factsheet-2024": {
      "title": "Global Coalition to Address Synthetic Drug Threats (State Department fact sheet, mirrored)",
      "publisher": "WireNN",
      "publishedOn": "2024-03-01",
      "precision": "MONTH",
      "url": "https://wirenn.com/post/global-coalition-to-address-synthetic-drug-threats"
    },
    "usglc-2024": {
      "title": "Secretary Blinken Engages with Beijing on Counternarcotics This Week",
      "publisher": "U.S. Global Leadership Coalition",
      "publishedOn": "2024-04-24",
      "precision": "MONTH",
      "url": "https://www.usglc.org/blog/secretary-blinken-engages-with-beijing-on-counternarcotics-this-week/"
    },
    "coalition-swg-3-2": {
      "title": "Sub-Working Group 3.2",
      "publisher": "Global Coalition to Address Synthetic Drug Threats",
      "publishedOn": "2024-07-31",
      "precision": "MONTH",
      "url": "https://globalcoalition.us/sub-working-groups/3-2"
    },
    "coalition-swg-2-1": {
      "title": "Sub-Working Group 2.1",
      "publisher": "Global Coalition to Address Synthetic Drug Threats",
      "publishedOn": "2024-07-31",
      "precision": "MONTH",
      "url": "https://globalcoalition.us/sub-working-groups/2-1"
    },
    "lokmat-india": {
      "title": "India calls for greater int'l cooperation to fight synthetic drug trade used by terrorists",
      "publisher": "Lokmat Times",
      "publishedOn": null,
      "url": "https://www.lokmattimes.com/international/india-calls-for-greater-intl-cooperation-to-fight-synthetic-drug-trade-used-by-terrorists/"
    },
    "wh-summit-2024": {
      "title": "Fact Sheet: Leaders' Summit of the Global Coalition to Address Synthetic Drug Threats",
      "publisher": "The White House",
      "publishedOn": "2024-09-24",
      "url": "https://bidenwhitehouse.archives.gov/briefing-room/statements-releases/2024/09/24/fact-sheet-leaders-summit-of-the-global-coalition-to-address-synthetic-drug-threats/"
    },
    "coalition-home": {
      "title": "Global Coalition to Address Synthetic Drug Threats",
      "publisher": "Global Coalition to Address Synthetic Drug Threats",
      "publishedOn": null,
      "url": "https://globalcoalition.us/"
    },
    "miragenews-leading": {
      "title": "Coalition Meets to Tackle Synthetic Drug Threats",
      "publisher": "Mirage News",
      "publishedOn": null,
      "note": "virtual meeting of 12 leading countries after the September 2024 summit; exact date not found",
      "url": "https://www.miragenews.com/coalition-meets-to-tackle-synthetic-drug-threats-1348770/"
    },
    "state-report-2025": {
      "title": "Global Coalition to Address Synthetic Drug Threats - Report (State Department, mirrored)",
      "publisher": "nie-podam.pl",
      "publishedOn": "2025-01-16",
      "url": "https://nie-podam.pl/viewer.php?id=99070745"
    },
    "wh-woodside": {
      "title": "Readout of President Joe Biden's Meeting with President Xi Jinping of the People's Republic of China",
      "publisher": "The White House",
      "publishedOn": "2023-11-15",
      "url": "https://bidenwhitehouse.archives.gov/briefing-room/statements-releases/2023/11/15/readout-of-president-joe-bidens-meeting-with-president-xi-jinping-of-the-peoples-republic-of-china-2/"
    },
    "incb-grids": {
      "title": "INCB and UPU convene 7th postal operational meeting to stop trafficking of synthetic drugs",
      "publisher": "International Narcotics Control Board",
      "publishedOn": "2024-10-07",
      "url": "https://www.incb.org/incb/en/news/news_2024/incb-and-upu-convene-7th-postal-operational-meeting-to-stop-trafficking-of-synthetic-drugs-by-postal--express-courier-and-air-cargo-services.html"
    },
    "coalition-node-117": {
      "title": "Synthetic Drugs Detection Project - Mail Channel Component",
      "publisher": "Global Coalition to Address Synthetic Drug Threats",
      "publishedOn": null,
      "url": "https://globalcoalition.us/node/117"
    }
  },
  "coalition": {
    "slug": "synthetic-drug-threats",
    "name": "Global Coalition to Address Synthetic Drug Threats",
    "launchedOn": "2023-07-07",
    "convener": "US",
    "foundingText": "Ministerial Declaration on Accelerating and Strengthening the Global Response to Synthetic Drugs, adopted at a virtual ministerial on 7 July 2023",
    "description": "A US-led coalition of countries and international organisations to prevent the illicit manufacture and trafficking of synthetic drugs, identify emerging drug trends, and respond to their public health impacts. Described by the State Department as a time-bound 12-18-month effort in which members may take part in any or all working groups.",
    "sources": [
      "seed-scmp",
      "blinken-launch",
      "state-faq"
    ],
    "linesOfEffort": [
      {
        "key": "PREVENT_ILLICIT_MANUFACTURE_AND_TRAFFICKING",
        "workingGroup": 1,
        "name": "Preventing the illicit manufacture and trafficking of synthetic drugs",
        "subGroups": [
          "1.1 Manufacturing of Synthetic Drugs and their Precursors",
          "1.2 Trafficking of Synthetic Drugs"
        ],
        "sources": [
          "coalition-wgs",
          "state-wg-launch"
        ]
      },
      {
        "key": "DETECT_EMERGING_THREATS",
        "workingGroup": 2,
        "name": "Detecting emerging drug threats and use patterns",
        "subGroups": [
          "2.1 Data Collection, Analysis, and Trends including Early Warning",
          "2.2 Information Sharing, Interagency Collaboration, and Policy Formation"
        ],
        "sources": [
          "coalition-wgs",
          "state-wg-launch"
        ]
      },
      {
        "key": "PUBLIC_HEALTH_RESPONSE",
        "workingGroup": 3,
        "name": "Promoting public health interventions and services to prevent and reduce drug use, overdose and other health-related problems",
        "subGroups": [
          "3.2 Engaging People with Substance Use and Substance Use Disorders",
          "Preventing Drug Use (number not confirmed)",
          "Addressing Populations in Contact with the Criminal Justice System, including Alternatives to Incarceration (number not confirmed)"
        ],
        "sources": [
          "coalition-wgs",
          "state-wg-launch"
        ]
      }
    ],
    "events": [
      {
        "on": "2023-07-07",
        "title": "Virtual ministerial launch; Ministerial Declaration adopted",
        "sources": [
          "blinken-launch"
        ]
      },
      {
        "on": "2023-09-01",
        "title": "Three working groups launched with nearly 900 participants from more than 100 countries and international organisations",
        "sources": [
          "state-wg-launch"
        ]
      },
      {
        "on": "2024-03-14",
        "title": "Side event at the 67th UN Commission on Narcotic Drugs, Vienna (14-15 March 2024)",
        "sources": [
          "state-factsheet-2024"
        ]
      },
      {
        "on": "2024-09-24",
        "title": "Leaders' Summit in New York; Coalition Pledge signed by 11 countries",
        "sources": [
          "wh-summit-2024"
        ]
      },
      {
        "on": "2025-01-16",
        "title": "Coalition report released",
        "sources": [
          "state-report-2025"
        ]
      }
    ]
  },
  "reportedFigures": [
    {
      "reportedOn": "2023-07-06",
      "countries": 84,
      "countriesQualifier": "EXACT",
      "organizations": null,
      "wording": "84 countries and a number of international organisations have committed to take part",
      "sources": [
        "seed-scmp",
        "urdupoint-invited"
      ]
    },
    {
      "reportedOn": "2023-07-07",
      "countries": 80,
      "countriesQualifier": "MORE_THAN",
      "organizations": 12,
      "organizationsQualifier": "MORE_THAN",
      "wording": "senior government officials from more than 80 countries, as well as leaders from over a dozen regional and international organizations",
      "sources": [
        "blinken-launch"
      ]
    },
    {
      "reportedOn": "2023-11-16",
      "countries": 100,
      "countriesQualifier": "MORE_THAN",
      "organizations": 11,
      "organizationsQualifier": "EXACT",
      "wording": "more than 100 countries and 11 international organizations",
      "sources": [
        "wh-2023-11-16"
      ]
    },
    {
      "reportedOn": "2024-03-01",
      "precision": "MONTH",
      "countries": 149,
      "countriesQualifier": "EXACT",
      "organizations": 14,
      "organizationsQualifier": "EXACT",
      "wording": "149 countries and 14 international organizations",
      "sources": [
        "state-factsheet-2024"
      ]
    },
    {
      "reportedOn": "2024-09-24",
      "countries": 159,
      "countriesQualifier": "EXACT",
      "organizations": 15,
      "organizationsQualifier": "EXACT",
      "wording": "159 countries and 15 international organizations",
      "sources": [
        "wh-summit-2024"
      ]
    },
    {
      "reportedOn": "2025-01-16",
      "countries": 160,
      "countriesQualifier": "MORE_THAN",
      "organizations": 15,
      "organizationsQualifier": "EXACT",
      "wording": "over 160 governments and 15 international organizations",
      "sources": [
        "state-report-2025"
      ]
    }
  ],
  "rosterNote": "No public roster of the 84 (later about 160) participating countries was found. The members below are those named as participants in a source; all others are known only as part of the reported figures.",
  "memberships": [
    {
      "participant": "US",
      "status": "COMMITTED",
      "attested": "2023-07-07",
      "role": "convener and host",
      "sources": [
        "blinken-launch"
      ]
    },
    {
      "participant": "EU",
      "kind": "INTERNATIONAL_ORGANIZATION",
      "status": "COMMITTED",
      "attested": "2023-07-07",
      "sources": [
        "bloomberg-borderland"
      ]
    },
    {
      "participant": "JP",
      "status": "COMMITTED",
      "attested": "2023-07-07",
      "sources": [
        "bloomberg-borderland"
      ]
    },
    {
      "participant": "DE",
      "status": "COMMITTED",
      "attested": "2023-07-07",
      "sources": [
        "bloomberg-borderland"
      ]
    },
    {
      "participant": "EG",
      "status": "COMMITTED",
      "attested": "2023-07-07",
      "sources": [
        "bloomberg-borderland"
      ]
    },
    {
      "participant": "LK",
      "status": "COMMITTED",
      "attested": "2023-07-07",
      "sources": [
        "bloomberg-borderland"
      ]
    },
    {
      "participant": "PA",
      "status": "COMMITTED",
      "attested": "2023-07-07",
      "sources": [
        "bloomberg-borderland"
      ]
    },
    {
      "participant": "PE",
      "status": "COMMITTED",
      "attested": "2023-07-07",
      "sources": [
        "bloomberg-borderland"
      ]
    },
    {
      "participant": "QA",
      "status": "COMMITTED",
      "attested": "2023-07-07",
      "note": "took part in the launch ministerial (Minister of State Lolwah Al Khater)",
      "sources": [
        "zawya-qatar"
      ]
    },
    {
      "participant": "SL",
      "status": "COMMITTED",
      "attested": "2024-07-31",
      "precision": "MONTH",
      "note": "presented in Sub-Working Group 3.2",
      "sources": [
        "coalition-swg-3-2"
      ]
    },
    {
      "participant": "AE",
      "status": "COMMITTED",
      "attested": "2024-07-31",
      "precision": "MONTH",
      "note": "presented in Sub-Working Group 3.2",
      "sources": [
        "coalition-swg-3-2"
      ]
    },
    {
      "participant": "IN",
      "status": "COMMITTED",
      "attested": "2024-09-24",
      "role": "co-chair of Working Group 1",
      "sources": [
        "lokmat-india",
        "wh-summit-2024"
      ]
    },
    {
      "participant": "AU",
      "status": "COMMITTED",
      "attested": "2024-09-24",
      "sources": [
        "wh-summit-2024"
      ]
    },
    {
      "participant": "BE",
      "status": "COMMITTED",
      "attested": "2024-09-24",
      "sources": [
        "wh-summit-2024"
      ]
    },
    {
      "participant": "CA",
      "status": "COMMITTED",
      "attested": "2024-09-24",
      "sources": [
        "wh-summit-2024"
      ]
    },
    {
      "participant": "DO",
      "status": "COMMITTED",
      "attested": "2024-09-24",
      "sources": [
        "wh-summit-2024"
      ]
    },
    {
      "participant": "GH",
      "status": "COMMITTED",
      "attested": "2024-09-24",
      "sources": [
        "wh-summit-2024"
      ]
    },
    {
      "participant": "IT",
      "status": "COMMITTED",
      "attested": "2024-09-24",
      "sources": [
        "wh-summit-2024"
      ]
    },
    {
      "participant": "MX",
      "status": "COMMITTED",
      "attested": "2024-09-24",
      "sources": [
        "wh-summit-2024"
      ]
    },
    {
      "participant": "NL",
      "status": "COMMITTED",
      "attested": "2024-09-24",
      "sources": [
        "wh-summit-2024"
      ]
    },
    {
      "participant": "GB",
      "status": "COMMITTED",
      "attested": "2024-09-24",
      "sources": [
        "wh-summit-2024"
      ]
    },
    {
      "participant": "AR",
      "status": "COMMITTED",
      "attested": "2025-01-16",
      "note": "one of 12 leading countries at a virtual meeting after the September 2024 summit; the meeting's date was not found, so membership is attested no later than the coalition report",
      "sources": [
        "miragenews-leading"
      ]
    },
    {
      "participant": "BR",
      "status": "COMMITTED",
      "attested": "2025-01-16",
      "note": "as for AR",
      "sources": [
        "miragenews-leading"
      ]
    },
    {
      "participant": "CO",
      "status": "COMMITTED",
      "attested": "2025-01-16",
      "note": "as for AR",
      "sources": [
        "miragenews-leading"
      ]
    },
    {
      "participant": "FR",
      "status": "COMMITTED",
      "attested": "2025-01-16",
      "note": "as for AR",
      "sources": [
        "miragenews-leading"
      ]
    },
    {
      "participant": "CN",
      "status": "INVITED",
      "attested": "2023-07-06",
      "note": "Invited; 'We don't have any indication at the moment that they're going to participate' (Robinson, 6 July 2023). Did not attend the launch. Around April 2024 it had 'abstained from joining the group'. Counternarcotics cooperation with the US continued bilaterally (working group launched 30 January 2024), not through the coalition. No source shows China joining.",
      "sources": [
        "reuters-vnexpress",
        "seed-scmp",
        "blaze-launch",
        "usglc-2024",
        "wh-woodside"
      ]
    }
  ],
  "engagedOrganizationsNotConfirmedAsMembers": [
    {
      "acronym": "UNODC",
      "name": "United Nations Office on Drugs and Crime",
      "note": "presented the World Drug Report in Sub-Working Group 2.1 (July 2024)",
      "sources": [
        "coalition-swg-2-1"
      ]
    },
    {
      "acronym": "OAS-CICAD",
      "name": "Inter-American Drug Abuse Control Commission of the Organization of American States",
      "note": "presented in Sub-Working Group 3.2 (July 2024)",
      "sources": [
        "coalition-swg-3-2"
      ]
    },
    {
      "acronym": "WCO",
      "name": "World Customs Organization",
      "note": "implementing organisation of a coalition project, with INCB and UPU",
      "sources": [
        "coalition-node-117"
      ]
    },
    {
      "acronym": "INCB",
      "name": "International Narcotics Control Board",
      "note": "US support for its GRIDS programme 'through the Global Coalition'",
      "sources": [
        "incb-grids"
      ]
    },
    {
      "acronym": "UPU",
      "name": "Universal Postal Union",
      "note": "partner in a coalition project with WCO and INCB",
      "sources": [
        "coalition-node-117"
      ]
    }
  ],
  "commitments": [
    {
      "participants": [
        "AU",
        "BE",
        "CA",
        "DO",
        "GH",
        "IN",
        "IT",
        "MX",
        "NL",
        "AE",
        "GB"
      ],
      "title": "Coalition Pledge",
      "madeOn": "2024-09-24",
      "isAttested": false,
      "status": "PLEDGED",
      "lineOfEffort": null,
      "description": "Regulate all relevant drugs and precursor chemicals; fill gaps in domestic authorities; expand public-private partnerships against the illicit fentanyl supply chain; develop mechanisms to monitor real-time data on drug-use trends; expand access to treatment.",
      "sources": [
        "wh-summit-2024",
        "coalition-home"
      ]
    },
    {
      "participants": [
        "AU",
        "BE",
        "DO",
        "IN",
        "MX",
        "NL",
        "GB"
      ],
      "title": "Summit initiative: supply disruption",
      "madeOn": "2024-09-24",
      "isAttested": false,
      "status": "PLEDGED",
      "lineOfEffort": "PREVENT_ILLICIT_MANUFACTURE_AND_TRAFFICKING",
      "sources": [
        "wh-summit-2024"
      ]
    },
    {
      "participants": [
        "IT",
        "GH"
      ],
      "title": "Summit initiative: detection and early warning",
      "madeOn": "2024-09-24",
      "isAttested": false,
      "status": "PLEDGED",
      "lineOfEffort": "DETECT_EMERGING_THREATS",
      "sources": [
        "wh-summit-2024"
      ]
    },
    {
      "participants": [
        "CA",
        "AE"
      ],
      "title": "Summit initiative: prevention and treatment",
      "madeOn": "2024-09-24",
      "isAttested": false,
      "status": "PLEDGED",
      "lineOfEffort": "PUBLIC_HEALTH_RESPONSE",
      "sources": [
        "wh-summit-2024"
      ]
    },
    {
      "participants": [
        "AR"
      ],
      "title": "Regional information centre",
      "madeOn": "2025-01-16",
      "isAttested": true,
      "status": "PLEDGED",
      "lineOfEffort": "DETECT_EMERGING_THREATS",
      "note": "date attested no later than",
      "sources": [
        "miragenews-leading"
      ]
    },
    {
      "participants": [
        "BR"
      ],
      "title": "Early warning systems",
      "madeOn": "2025-01-16",
      "isAttested": true,
      "status": "PLEDGED",
      "lineOfEffort": "DETECT_EMERGING_THREATS",
      "note": "date attested no later than",
      "sources": [
        "miragenews-leading"
      ]
    },
    {
      "participants": [
        "CO"
      ],
      "title": "Analysis of seized drugs",
      "madeOn": "2025-01-16",
      "isAttested": true,
      "status": "PLEDGED",
      "lineOfEffort": "DETECT_EMERGING_THREATS",
      "note": "date attested no later than",
      "sources": [
        "miragenews-leading"
      ]
    },
    {
      "participants": [
        "FR"
      ],
      "title": "Training for French-speaking health professionals",
      "madeOn": "2025-01-16",
      "isAttested": true,
      "status": "PLEDGED",
      "lineOfEffort": "PUBLIC_HEALTH_RESPONSE",
      "note": "date attested no later than",
      "sources": [
        "miragenews-leading"
      ]
    }
  ]
};
