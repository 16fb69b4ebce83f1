/**
 * The demo catalogue's pictures: simple drawn scenes (SVG), rendered into photos at load time like
 * any upload, so the repository holds no image files and the demo has no outside source.
 */

// Drawn on a 1600×1000 canvas, rendered 960 wide: enough for the demo's pages, and quick to load.
const W = 1600;
const H = 1000;
const RENDERED_WIDTH = 960;

function scene(sky: [string, string], body: string): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${RENDERED_WIDTH}" height="${(RENDERED_WIDTH * H) / W}" viewBox="0 0 ${W} ${H}">
<defs><linearGradient id="sky" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="${sky[0]}"/><stop offset="1" stop-color="${sky[1]}"/></linearGradient></defs>
<rect width="${W}" height="${H}" fill="url(#sky)"/>${body}</svg>`;
}

/** A row of canal houses with gabled fronts. */
function canalHouses(y: number): string {
  const colours = ['#8c3b2e', '#5a4636', '#2f4858', '#a0522d', '#6b2d2d', '#3d5a4c', '#7a5230', '#4b3b47'];
  return colours
    .map((fill, i) => {
      const x = i * 200;
      const h = 300 + ((i * 37) % 90);
      const top = y - h;
      return `<path d="M${x + 10} ${y}V${top + 60}L${x + 100} ${top}L${x + 190} ${top + 60}V${y}Z" fill="${fill}"/>
${[0, 1, 2].map((r) => [0, 1].map((c) => `<rect x="${x + 45 + c * 70}" y="${top + 90 + r * 70}" width="40" height="50" fill="#f4e3b2"/>`).join('')).join('')}`;
    })
    .join('');
}

function boat(x: number, y: number, scale: number, hull: string): string {
  return `<g transform="translate(${x} ${y}) scale(${scale})"><path d="M0 0H420L370 70H40Z" fill="${hull}"/><rect x="90" y="-60" width="230" height="60" rx="12" fill="#f5f5f0"/>
<rect x="110" y="-48" width="40" height="30" fill="#9cc3d5"/><rect x="165" y="-48" width="40" height="30" fill="#9cc3d5"/><rect x="220" y="-48" width="40" height="30" fill="#9cc3d5"/></g>`;
}

const water = (y: number, colour: string) =>
  `<rect y="${y}" width="${W}" height="${H - y}" fill="${colour}"/>${[0, 1, 2, 3, 4, 5]
    .map(
      (i) =>
        `<path d="M${(i * 290) % W} ${y + 60 + i * 55}h160" stroke="#ffffff" stroke-opacity="0.35" stroke-width="8" stroke-linecap="round"/>`,
    )
    .join('')}`;

const SCENES = {
  canal: scene(['#7fb8e6', '#d9ecf7'], `${canalHouses(640)}${water(640, '#2e6f8e')}${boat(520, 760, 1.4, '#1f3b57')}`),
  borrel: scene(
    ['#f3a25b', '#fbe0b5'],
    `<circle cx="1250" cy="330" r="110" fill="#ffd27a"/>${canalHouses(620)}${water(620, '#3b5f7a')}${boat(300, 740, 1.6, '#7b2e2e')}
<g fill="#ffe9a8">${[0, 1, 2, 3, 4].map((i) => `<circle cx="${470 + i * 110}" cy="700" r="9"/>`).join('')}</g>`,
  ),
  climbing: scene(
    ['#e9eef2', '#cfd8df'],
    `<path d="M200 1000L420 0H1180L1400 1000Z" fill="#8aa0ad"/>${Array.from({ length: 40 }, (_, i) => {
      const colours = ['#e4572e', '#17bebb', '#ffc914', '#76b041', '#8e44ad'];
      return `<ellipse cx="${470 + ((i * 173) % 660)}" cy="${60 + ((i * 97) % 880)}" rx="${18 + (i % 3) * 6}" ry="14" fill="${colours[i % 5]}"/>`;
    }).join('')}<path d="M800 0V520" stroke="#333" stroke-width="4"/><circle cx="800" cy="560" r="30" fill="#f2c7a5"/>
<path d="M780 590h40l20 140h-80Z" fill="#d1495b"/><path d="M780 600l-60-70M820 600l60-70M790 730l-30 120M810 730l40 110" stroke="#2c3e50" stroke-width="18" stroke-linecap="round"/>`,
  ),
  farm: scene(
    ['#9fd3f5', '#e8f6ff'],
    `<circle cx="1350" cy="180" r="80" fill="#fff3b0"/><path d="M0 620Q400 520 800 600T1600 580V1000H0Z" fill="#7cb342"/><path d="M0 760Q500 680 1000 760T1600 740V1000H0Z" fill="#558b2f"/>
<path d="M240 640V400L420 270L600 400V640Z" fill="#b23a2e"/><path d="M210 410L420 250L630 410" stroke="#5d4037" stroke-width="26" fill="none"/><rect x="370" y="500" width="100" height="140" fill="#5d4037"/>
${[0, 1, 2, 3, 4, 5].map((i) => `<g transform="translate(${800 + i * 120} ${700 + (i % 2) * 40})"><path d="M0 0h60v-70h-60z" fill="#6d4c41"/><circle cx="30" cy="-100" r="55" fill="#2e7d32"/></g>`).join('')}
<circle cx="1000" cy="880" r="22" fill="#fafafa"/><path d="M1000 880L1120 800" stroke="#795548" stroke-width="10"/>`,
  ),
};

export type DemoScene = keyof typeof SCENES;

/** A scene's SVG source, for the image processor to render like an upload. */
export function demoScene(name: DemoScene): Buffer {
  return Buffer.from(SCENES[name]);
}

/** A venue's logo: its initials in a coloured tile. */
export function demoLogo(initials: string, colour: string): Buffer {
  return Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" width="480" height="480" viewBox="0 0 480 480">
<rect width="480" height="480" rx="96" fill="${colour}"/><circle cx="240" cy="240" r="150" fill="none" stroke="#ffffff" stroke-width="28"/>
<path d="M${initials === 'RA' ? '160 300L240 150L320 300' : initials === 'KW' ? '150 170L200 310L240 210L280 310L330 170' : '160 300V200L240 140L320 200V300Z'}" fill="none" stroke="#ffffff" stroke-width="30" stroke-linejoin="round"/></svg>`);
}
