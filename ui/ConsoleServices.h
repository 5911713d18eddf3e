#pragma once
// The views' names for the widget-free console services (core/console): the session, its
// backends, settings, demo and runAsync.

#include "console/AsyncCall.h"
#include "console/ConsoleBackend.h"
#include "console/ConsoleSettings.h"

namespace bridgecore::ui {
using namespace bridgecore::console;
} // namespace bridgecore::ui
