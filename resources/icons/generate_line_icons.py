"""Write the 24x24 line icons in resources/icons/ (and white twins in icons/light/).

Qt's SVG renderer does not honour currentColor reliably, so every icon carries an explicit stroke:
#37474F neutral, #C62828 tampered, #9A5B00 warning, #2E7D32 verified/done.
Usage: python3 resources/icons/generate_line_icons.py
"""
import math
import pathlib

OUT = pathlib.Path(__file__).resolve().parent
NEUTRAL, RED, AMBER, GREEN = '#37474F', '#C62828', '#9A5B00', '#2E7D32'

def svg(body, stroke=NEUTRAL, title=''):
    return (f'<svg xmlns="http://www.w3.org/2000/svg" width="24" height="24" viewBox="0 0 24 24" '
            f'fill="none" stroke="{stroke}" stroke-width="1.75" stroke-linecap="round" stroke-linejoin="round">\n'
            f'  <title>{title}</title>\n' + ''.join(f'  {l}\n' for l in body) + '</svg>\n')

def gear():
    c, ro, ri, n = 12.0, 9.6, 7.2, 8
    d = ''

    def f(p):
        return f'{p[0]:.2f} {p[1]:.2f}'

    for k in range(n):
        a = 2 * math.pi * k / n
        t = [a - math.radians(9), a + math.radians(9), a + math.radians(16), a + math.radians(29)]
        # rising flank, outer arc, falling flank, inner arc to next tooth
        p0 = (c + ri * math.cos(a - math.radians(16)), c + ri * math.sin(a - math.radians(16)))
        p1 = (c + ro * math.cos(t[0]), c + ro * math.sin(t[0]))
        p2 = (c + ro * math.cos(t[1]), c + ro * math.sin(t[1]))
        p3 = (c + ri * math.cos(t[2]), c + ri * math.sin(t[2]))
        d += ('M' if k == 0 else 'L') + f(p0) + ' L' + f(p1) + f' A{ro} {ro} 0 0 1 ' + f(p2) + ' L' + f(p3)
        nxt = a + 2 * math.pi / n - math.radians(16)
        d += f' A{ri} {ri} 0 0 1 ' + f((c + ri * math.cos(nxt), c + ri * math.sin(nxt))) + ' '
    return d.strip() + 'Z'

SHIELD = 'M12 2.75 19.25 5.5v5.6c0 4.55-3.05 8.35-7.25 10.15-4.2-1.8-7.25-5.6-7.25-10.15V5.5Z'

icons = {
 'dashboard': ('Dashboard', NEUTRAL, [
    '<rect x="3.5" y="3.5" width="7" height="8.5" rx="1.5"/>',
    '<rect x="13.5" y="3.5" width="7" height="5" rx="1.5"/>',
    '<rect x="13.5" y="11.5" width="7" height="9" rx="1.5"/>',
    '<rect x="3.5" y="15" width="7" height="5.5" rx="1.5"/>']),
 'incidents': ('Incidents', NEUTRAL, [
    '<path d="M7 17.5V12a5 5 0 0 1 10 0v5.5"/>',
    '<rect x="4.5" y="17.5" width="15" height="3.25" rx="1"/>',
    '<path d="M12 2.75v1.75M4.2 5.7l1.25 1.25M19.8 5.7l-1.25 1.25M2.75 12H4.5M19.5 12h1.75"/>',
    '<path d="M12 10.5v3.5"/>']),
 'operators': ('Operators', NEUTRAL, [
    '<circle cx="9" cy="8" r="3.5"/>',
    '<path d="M2.75 20v-1.25A4.75 4.75 0 0 1 7.5 14h3a4.75 4.75 0 0 1 4.75 4.75V20"/>',
    '<path d="M15.5 4.75a3.5 3.5 0 0 1 0 6.5"/>',
    '<path d="M18 14.25a4.75 4.75 0 0 1 3.25 4.5V20"/>']),
 'audit': ('Audit trail', NEUTRAL, [
    '<path d="M8.5 4.5H6.25a1.5 1.5 0 0 0-1.5 1.5v13.5a1.5 1.5 0 0 0 1.5 1.5h11.5a1.5 1.5 0 0 0 1.5-1.5V6a1.5 1.5 0 0 0-1.5-1.5H15.5"/>',
    '<rect x="8.5" y="2.75" width="7" height="3.5" rx="1"/>',
    '<path d="m8 11 1.25 1.25L11.5 10M14 11.25h2.5M8 16l1.25 1.25L11.5 15M14 16.25h2.5"/>']),
 'lock': ('Locked', NEUTRAL, [
    '<rect x="4.5" y="10.5" width="15" height="10.25" rx="2"/>',
    '<path d="M7.75 10.5V7.25a4.25 4.25 0 0 1 8.5 0v3.25"/>',
    '<path d="M12 14.5v2.5"/>']),
 'unlock': ('Unlocked', NEUTRAL, [
    '<rect x="4.5" y="10.5" width="15" height="10.25" rx="2"/>',
    '<path d="M7.75 10.5V7.25a4.25 4.25 0 0 1 8.1-1.8"/>',
    '<path d="M12 14.5v2.5"/>']),
 'key': ('Key', NEUTRAL, [
    '<circle cx="7.75" cy="15.75" r="4.25"/>',
    '<path d="m10.75 12.75 9-9M16.5 7l2.5 2.5M14 9.5l2 2"/>']),
 'backup': ('Backup', NEUTRAL, [
    '<rect x="3" y="3.75" width="18" height="4.5" rx="1"/>',
    '<path d="M4.75 8.25v10.5a1.5 1.5 0 0 0 1.5 1.5h11.5a1.5 1.5 0 0 0 1.5-1.5V8.25"/>',
    '<path d="M12 11v6M9.25 14.5 12 17.25l2.75-2.75"/>']),
 'shield-check': ('Verified', GREEN, [
    f'<path d="{SHIELD}"/>', '<path d="m8.75 11.75 2.25 2.25 4.25-4.5"/>']),
 'shield-alert': ('Tampered', RED, [
    f'<path d="{SHIELD}"/>', '<path d="M12 7.75v4.5M12 15.75h.01"/>']),
 'warning': ('Warning', AMBER, [
    '<path d="M10.3 4.1 2.9 17.25A1.95 1.95 0 0 0 4.6 20.25h14.8a1.95 1.95 0 0 0 1.7-3L13.7 4.1a1.95 1.95 0 0 0-3.4 0Z"/>',
    '<path d="M12 9.25v4.5M12 16.75h.01"/>']),
 'check': ('Done', GREEN, ['<path d="M4.5 12.5 9.5 17.5 19.5 6.75"/>']),
 'settings': ('Settings', NEUTRAL, [f'<path d="{gear()}"/>', '<circle cx="12" cy="12" r="3"/>']),
 'decision-log': ('Decision log', NEUTRAL, [
    '<path d="M4.75 5.25A2.25 2.25 0 0 1 7 3h12.25v15H7a2.25 2.25 0 0 0-2.25 2.25Z"/>',
    '<path d="M4.75 20.25A1.5 1.5 0 0 0 6.25 21.5h13v-3.5"/>',
    '<path d="M9 8h6.5M9 11.5h4.5"/>']),
 'talking-points': ('Talking points', NEUTRAL, [
    '<path d="M20.25 12.25a7.5 7.5 0 0 1-11.1 6.6L4 20.25l1.4-4.9A7.5 7.5 0 1 1 20.25 12.25Z"/>',
    '<path d="M9 10.5h6.5M9 13.75h4"/>']),
 'spokespersons': ('Spokespersons', NEUTRAL, [
    '<rect x="9" y="2.75" width="6" height="11" rx="3"/>',
    '<path d="M5.75 11a6.25 6.25 0 0 0 12.5 0M12 17.25v4M8.75 21.25h6.5"/>']),
 'journey-map': ('Journey map', NEUTRAL, [
    '<path d="M3.5 6.25 9 4l6 2.25 5.5-2.25v13.75L15 20l-6-2.25-5.5 2.25Z"/>',
    '<path d="M9 4v13.75M15 6.25V20"/>']),
 'timeline': ('Timeline', NEUTRAL, [
    '<circle cx="12" cy="12" r="8.75"/>',
    '<path d="M12 7.25V12l3.25 2"/>']),
}
for name, (title, stroke, body) in icons.items():
    (OUT / f'{name}.svg').write_text(svg(body, stroke, title))
    (OUT / 'light').mkdir(exist_ok=True)
    # White twins for dark backgrounds: the navigation rail, and primary buttons (the
    # spokesperson's Acknowledge carries the shield).
    if stroke == NEUTRAL or name in ('shield-check',):
        (OUT / 'light' / f'{name}.svg').write_text(svg(body, '#FFFFFF', title))
print(f'wrote {len(icons)} icons to {OUT}')
