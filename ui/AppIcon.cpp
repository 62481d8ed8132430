#include "AppIcon.h"

#include <QGuiApplication>
#include <QPainter>
#include <QPixmap>

// The resources live in a static library: they must be registered by hand, from the global
// namespace (Q_INIT_RESOURCE declares a function there).
static void initTrayResources()
{
    Q_INIT_RESOURCE(tray);
}

namespace tokenpass::ui {

namespace {

const int kSizes[] = {16, 22, 24, 32, 48, 64};

QString stateName(IconState state)
{
    switch (state) {
    case IconState::NoWallet:
        return QStringLiteral("nowallet");
    case IconState::Locked:
        return QStringLiteral("locked");
    case IconState::Unlocked:
        return QStringLiteral("unlocked");
    case IconState::Attention:
        return QStringLiteral("attention");
    }
    return QStringLiteral("nowallet");
}

QString styleName(IconStyle style)
{
    switch (style) {
    case IconStyle::Dark:
        return QStringLiteral("dark");
    case IconStyle::Monochrome:
        return QStringLiteral("mono");
    case IconStyle::Auto:
    case IconStyle::Light:
        break;
    }
    return QStringLiteral("light");
}

QPixmap tinted(const QPixmap& mask, const QColor& colour)
{
    QPixmap out(mask.size());
    out.fill(Qt::transparent);
    QPainter painter(&out);
    painter.drawPixmap(0, 0, mask);
    painter.setCompositionMode(QPainter::CompositionMode_SourceIn);
    painter.fillRect(out.rect(), colour);
    return out;
}

bool symbolicDesktop(const QString& desktop)
{
    for (const char* name : {"GNOME", "Unity", "Pantheon"}) {
        if (desktop.contains(QLatin1String(name), Qt::CaseInsensitive))
            return true;
    }
    return false;
}

} // namespace

IconStyle iconStyleFromName(const QString& name)
{
    const QString n = name.trimmed().toLower();
    if (n == QLatin1String("light"))
        return IconStyle::Light;
    if (n == QLatin1String("dark"))
        return IconStyle::Dark;
    if (n == QLatin1String("mono") || n == QLatin1String("monochrome"))
        return IconStyle::Monochrome;
    return IconStyle::Auto;
}

IconStyle resolveIconStyle(IconStyle style, const QPalette& palette, const QString& desktop)
{
    if (style != IconStyle::Auto)
        return style;
    const IconStyle forced = iconStyleFromName(qEnvironmentVariable("TOKENPASS_TRAY_ICONS"));
    if (forced != IconStyle::Auto)
        return forced;
#ifdef Q_OS_MACOS
    return IconStyle::Monochrome; // the menu bar wants template images
#endif
    if (symbolicDesktop(desktop))
        return IconStyle::Monochrome;
    return palette.color(QPalette::Window).lightnessF() < 0.5 ? IconStyle::Dark : IconStyle::Light;
}

QIcon trayIcon(IconState state, IconStyle style)
{
    initTrayResources();
    const QString desktop = qEnvironmentVariable("XDG_CURRENT_DESKTOP");
    const QPalette palette = QGuiApplication::palette();
    const IconStyle resolved = resolveIconStyle(style, palette, desktop);
    // Symbolic panels (GNOME's top bar) are dark whatever the application palette says.
    const QColor ink = symbolicDesktop(desktop) ? QColor(Qt::white) : palette.color(QPalette::WindowText);

    QIcon icon;
    for (int size : kSizes) {
        const QPixmap pixmap(
            QStringLiteral(":/tray/%1-%2-%3.png").arg(styleName(resolved), stateName(state)).arg(size));
        if (pixmap.isNull())
            continue;
        icon.addPixmap(resolved == IconStyle::Monochrome ? tinted(pixmap, ink) : pixmap);
    }
#ifdef Q_OS_MACOS
    icon.setIsMask(resolved == IconStyle::Monochrome);
#endif
    return icon;
}

QIcon appIcon(IconState state)
{
    const QPalette palette = QGuiApplication::palette();
    return trayIcon(state,
                    palette.color(QPalette::Window).lightnessF() < 0.5 ? IconStyle::Dark : IconStyle::Light);
}

} // namespace tokenpass::ui
