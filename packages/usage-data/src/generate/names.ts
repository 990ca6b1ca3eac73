/**
 * Word lists for customer and user names. Lengths are pairwise coprime (29/31, 37/41) so that
 * index i → (i mod A, i mod B) gives A×B distinct combinations before anything repeats.
 */
const companyWords = [
  "Northwind",
  "Blue Harbor",
  "Granite",
  "Silver Birch",
  "Redwood",
  "Lighthouse",
  "Copperleaf",
  "Summit",
  "Evergreen",
  "Ironbridge",
  "Maple Street",
  "Brightwater",
  "Stonegate",
  "Golden Field",
  "Clearview",
  "Oakridge",
  "Riverbend",
  "Starling",
  "Westfield",
  "Harborview",
  "Juniper",
  "Kestrel",
  "Larkspur",
  "Meridian",
  "Pinecrest",
  "Quarry Hill",
  "Saltmarsh",
  "Tidewater",
  "Willowbrook",
] as const; // 29

const companyKinds = [
  "Traders",
  "Logistics",
  "Analytics",
  "Health",
  "Outfitters",
  "Foods",
  "Robotics",
  "Insurance",
  "Dental Group",
  "Realty",
  "Energy",
  "Labs",
  "Media",
  "Capital",
  "Pharmacy",
  "Bakery",
  "Builders",
  "Consulting",
  "Motors",
  "Textiles",
  "Hotels",
  "Farms",
  "Software",
  "Fitness",
  "Law Partners",
  "Clinics",
  "Apparel",
  "Travel",
  "Brewing",
  "Security",
  "Studios",
] as const; // 31

const firstNames = [
  "Maria",
  "James",
  "Aisha",
  "Chen",
  "Sofia",
  "Lucas",
  "Priya",
  "Mateo",
  "Hannah",
  "Omar",
  "Elena",
  "Noah",
  "Yuki",
  "Daniel",
  "Fatima",
  "Liam",
  "Grace",
  "Ivan",
  "Zara",
  "Samuel",
  "Amara",
  "Leo",
  "Nina",
  "Kwame",
  "Olivia",
  "Rafael",
  "Ingrid",
  "Tomas",
  "Mei",
  "Arjun",
  "Chloe",
  "Diego",
  "Leila",
  "Finn",
  "Hana",
  "Victor",
  "Ada",
] as const; // 37

const lastNames = [
  "Garcia",
  "Smith",
  "Okafor",
  "Wang",
  "Rossi",
  "Silva",
  "Patel",
  "Lopez",
  "Muller",
  "Haddad",
  "Novak",
  "Brown",
  "Tanaka",
  "Kim",
  "Rahman",
  "Murphy",
  "Johansson",
  "Petrov",
  "Ali",
  "Cohen",
  "Mensah",
  "Moreau",
  "Berg",
  "Asante",
  "Nguyen",
  "Costa",
  "Larsen",
  "Dvorak",
  "Chen",
  "Iyer",
  "Dubois",
  "Herrera",
  "Karimi",
  "Walsh",
  "Sato",
  "Fischer",
  "Lindqvist",
  "Adeyemi",
  "Kowalski",
  "Santos",
  "Reyes",
] as const; // 41

function combine(index: number, first: readonly string[], second: readonly string[]) {
  const cycle = first.length * second.length;
  const round = Math.floor(index / cycle);
  return { first: first[index % first.length]!, second: second[index % second.length]!, round };
}

/** "Northwind Traders", …; after 899 names a number is appended to keep them unique. */
export function customerName(index: number): string {
  const { first, second, round } = combine(index, companyWords, companyKinds);
  return round === 0 ? `${first} ${second}` : `${first} ${second} ${round + 1}`;
}

export function personName(index: number): { first: string; last: string; suffix: string } {
  const { first, second, round } = combine(index, firstNames, lastNames);
  return { first, last: second, suffix: round === 0 ? "" : String(round + 1) };
}

/** "Blue Harbor Logistics" → "blue-harbor-logistics" (for e-mail domains). */
export function slug(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");
}
