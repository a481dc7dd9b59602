import type { DatasetRevision } from './dataset-revision.js';

/**
 * Revision 2 of the coalition's sourced facts: the items the research file marks `"revision": 2`,
 * copied as they are (each names its sources by key). Nothing here is inferred; edit only with a source.
 */
export const SYNTHETIC_DRUG_COALITION_REVISION_2: DatasetRevision = {
  revision: 2,
  note: 'four more named members (ES, MA, JO, SA), an earlier date for NL, two more headcounts (one combined, one undated), KR as reported but unconfirmed. Facts marked revision 2 are new; apply them to databases that already hold revision 1 without touching what admins recorded.',
  sources: {
    'netherlands-hoekstra-2023': {
      title: 'Statement by Wopke Hoekstra at the launch of the Global Coalition to Address Synthetic Drug Threats',
      publisher: 'Government of the Netherlands',
      publishedOn: '2023-07-07',
      url: 'https://www.government.nl/ministries/ministry-of-foreign-affairs/documents/speeches/2023/07/07/statement-by-wopke-hoekstra-at-the-launch-of-the-global-coalition-to-address-synthetic-drug-threats',
      note: "the Dutch foreign minister's statement at the launch, 7 July 2023",
    },
    'diplomat-es-2023': {
      title: 'Albares attends launch of Global Coalition against synthetic drugs',
      publisher: 'The Diplomat in Spain',
      publishedOn: '2023-07-08',
      url: 'https://thediplomatinspain.com/en/2023/07/08/albares-attends-launch-of-global-coalition-against-synthetic-drugs/',
      note: "Spain's foreign minister took part by videoconference in the launch meeting on 7 July 2023",
    },
    'morocco-mfa-2023': {
      title:
        'Nasser Bourita takes part in virtual ministerial meeting to launch the Global Coalition to Address Synthetic Drug Threats',
      publisher: 'Ministry of Foreign Affairs of Morocco',
      publishedOn: '2023-07-07',
      url: 'https://www.diplomatie.ma/en/mfa-nasser-bourita-takes-part-virtual-ministerial-meeting-launch-global-coalition-address-synthetic-drug-threats',
      note: 'took part on 7 July 2023 by videoconference',
    },
    'morocco-latest-2023': {
      title: 'A Global Coalition Against Synthetic Drug Threats Is Formed',
      publisher: 'Morocco Latest News',
      publishedOn: '2023-07-07',
      url: 'https://moroccolatestnews.com/a-global-coalition-against-synthetic-drug-threats-is-formed/',
      note: 'launch ministerial held with the participation of Foreign Minister Nasser Bourita',
    },
    'national-2023-07-06': {
      title: 'US rallies international effort to combat synthetic drug trade',
      publisher: 'The National',
      publishedOn: '2023-07-06',
      url: 'https://www.thenationalnews.com/world/us-news/2023/07/06/us-rallies-international-effort-to-combat-synthetic-drug-trade/',
      note: 'photo caption: Jordan, Saudi Arabia and Morocco have all agreed to participate in the coalition',
    },
    'petra-jordan-2023': {
      title: 'Safadi: Jordan taking all necessary steps to combat drug smuggling across Syrian border',
      publisher: 'Bahrain Wire (from Jordan News Agency)',
      publishedOn: '2023-07-07',
      url: 'https://bahrainwire.com/safadi-jordan-taking-all-necessary-steps-to-combat-drug-smuggling-across-syrian-border',
      note: 'Foreign Minister Ayman Safadi joined the launch ministerial virtually',
    },
  },
  items: [
    {
      kind: 'membership',
      coalition: 'synthetic-drug-threats',
      participant: 'ES',
      status: 'COMMITTED',
      attested: '2023-07-07',
      note: 'foreign minister took part in the launch ministerial by videoconference',
      sources: ['diplomat-es-2023'],
    },
    {
      kind: 'membership',
      coalition: 'synthetic-drug-threats',
      participant: 'MA',
      status: 'COMMITTED',
      attested: '2023-07-07',
      note: 'foreign minister took part in the launch ministerial; agreed to participate (The National, 6 July)',
      sources: ['morocco-mfa-2023', 'morocco-latest-2023', 'national-2023-07-06'],
    },
    {
      kind: 'membership',
      coalition: 'synthetic-drug-threats',
      participant: 'JO',
      status: 'COMMITTED',
      attested: '2023-07-07',
      note: 'foreign minister joined the launch ministerial virtually; agreed to participate (The National, 6 July)',
      sources: ['petra-jordan-2023', 'national-2023-07-06'],
    },
    {
      kind: 'membership',
      coalition: 'synthetic-drug-threats',
      participant: 'SA',
      status: 'COMMITTED',
      attested: '2023-07-06',
      note: 'agreed to participate (photo caption, The National); a secondary source, no official one found',
      sources: ['national-2023-07-06'],
    },
    {
      kind: 'membershipCorrection',
      coalition: 'synthetic-drug-threats',
      participant: 'NL',
      corrects: { status: 'COMMITTED', effectiveOn: '2024-09-24' },
      attested: '2023-07-07',
      note: 'the foreign minister gave a statement at the launch',
      reason:
        'dataset revision 2: an earlier source attests the membership on 2023-07-07 (the foreign minister gave a statement at the launch)',
      sources: ['netherlands-hoekstra-2023'],
    },
  ],
};
