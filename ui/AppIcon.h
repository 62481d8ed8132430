#pragma once

#include <QIcon>
#include <QPalette>
#include <QString>

namespace tokenpass::ui {

// The wallet states the tray tells apart (DESIGN.md "Lock model"), each with its own shape so
// the monochrome variant needs no colour: an empty outline, a keyhole, a tick, an exclamation.
enum class IconState
{
    NoWallet,
    Locked,
    Unlocked,
    Attention
};

// Which drawing of the icons (resources/icons/tray/<style>-<state>.svg, rendered to PNG):
// Light for light panels, Dark for dark ones, Monochrome for panels that want symbolic icons
// (tinted to the panel's text colour; a template image on macOS).
enum class IconStyle
{
    Auto,
    Light,
    Dark,
    Monochrome
};

// "auto", "light", "dark", "mono"/"monochrome"; anything else is Auto.
IconStyle iconStyleFromName(const QString& name);

// Auto resolved: TOKENPASS_TRAY_ICONS if set, monochrome on macOS and on desktops whose panels
// show symbolic icons (GNOME, Unity, Pantheon), else light or dark by the palette's window colour.
IconStyle resolveIconStyle(IconStyle style, const QPalette& palette, const QString& desktop);

// The tray icon for a state in a style (Auto is resolved against the application's palette and
// XDG_CURRENT_DESKTOP).
QIcon trayIcon(IconState state, IconStyle style = IconStyle::Auto);

// Window icons: the colour drawing that suits the application's palette.
QIcon appIcon(IconState state);

} // namespace tokenpass::ui
