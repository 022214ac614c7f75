# Lo que dice la propia línea de órdenes, en español: su ayuda (factorial-connect --help), sus
# errores de uso y sus avisos. La ventana no incluye este archivo; la línea de órdenes lo carga junto
# con ../es.ftl.
#
# Cada orden es `help-<ruta de la orden>`: su valor describe la orden, y un atributo por argumento u
# opción (con el nombre del código: client_id, no_browser) lo describe; una prueba los mantiene al día
# con la línea de órdenes (crates/connect-cli/src/cli/help.rs).

help = Conecta herramientas con la API de Factorial HR. Sin argumentos, abre la ventana.
help-apps = Añade, lista, cambia o elimina aplicaciones OAuth de Factorial.
help-apps-add = Añade una aplicación. El secreto de cliente se lee de la entrada estándar (o se pide, oculto, en un terminal).
    .name = Cómo llamas aquí a la aplicación, por ejemplo «Sincronizar nóminas».
    .client_id = Tal como aparece en la página de la aplicación en Factorial. Puede empezar por «-».
    .env = production (por defecto), demo o la URL base de otro servidor de Factorial.
    .redirect_uri = Exactamente como está registrada en Factorial (por defecto, factorial-connect://oauth/callback).
    .scopes = Permisos separados por espacios (vacío: los de la propia aplicación).
    .public = Una aplicación pública (no confidencial), sin secreto de cliente.
    .no_pkce = No enviar PKCE (solo para un servidor que lo rechaza).
    .refresh_token_life = Cuánto viven los tokens de renovación del servidor, como 7d, 12h o 30m (por defecto 7d, lo de Factorial); la aplicación renueva mucho antes.
help-apps-list = Lista las aplicaciones.
    .json = Salida para programas (JSON).
help-apps-edit = Cambia una aplicación: su nombre, su secreto de cliente, sus permisos o cuánto duran sus tokens de renovación; su entorno y su ID de cliente, solo mientras no haya ninguna cuenta conectada. Indica al menos un cambio.
    .name = El nombre actual de la aplicación.
    .rename = Un nombre nuevo para ella.
    .new_secret = Lee un secreto de cliente nuevo de la entrada estándar (o lo pide, oculto, en un terminal), por ejemplo después de crear uno nuevo en Factorial.
    .scopes = Permisos separados por espacios para la próxima autorización (vacío: los de la propia aplicación).
    .env = production, demo o la dirección base de otro servidor de Factorial (solo mientras no haya ninguna cuenta conectada).
    .client_id = Un ID de cliente nuevo (solo mientras no haya ninguna cuenta conectada). Puede empezar por «-».
    .refresh_token_life = Cuánto duran los tokens de renovación del servidor, como 7d, 12h o 30m.
help-apps-remove = Elimina de este ordenador una aplicación, su secreto y los tokens de sus cuentas.
    .name = El nombre de la aplicación.
help-authorize = Conecta una aplicación con una cuenta de Factorial: abre el navegador y espera la respuesta.
    .app = El nombre de la aplicación.
    .company = Pedir un token de empresa (debe autorizarlo un administrador; no caduca nunca).
    .no_browser = No abrir el navegador; solo mostrar la dirección que hay que abrir.
    .timeout = Rendirse tras estos segundos (por defecto: cuando caduca el enlace, 10 minutos).
help-token = Muestra un token de acceso válido (renovado antes si caduca en menos de un minuto) y nada más.
    .app = El nombre de la aplicación.
    .account = Qué cuenta, si la aplicación tiene varias (su id, su correo o el id de la empresa).
    .json = Muestra el token con su caducidad, sus permisos, la cuenta y la dirección de la API, en JSON.
help-exec = Ejecuta una orden con un token de acceso nuevo (con al menos diez minutos de vida) en FACTORIAL_ACCESS_TOKEN y la dirección de la API en FACTORIAL_API_URL; termina con el código de salida de la orden. El token nunca aparece en una línea de órdenes.
    .app = El nombre de la aplicación.
    .account = Qué cuenta, si la aplicación tiene varias (su id, su correo o el id de la empresa).
    .keep_fresh = Para una orden que dura más de lo que vive un token: FACTORIAL_ACCESS_TOKEN_FILE nombra un archivo que solo tú puedes leer, reescrito con un token nuevo antes de cada caducidad mientras la orden se ejecuta, y borrado al terminar (FACTORIAL_ACCESS_TOKEN solo tiene el primer token).
    .command = La orden y sus argumentos, tras --, por ejemplo: -- curl -H "Authorization: Bearer $FACTORIAL_ACCESS_TOKEN" …
help-status = Muestra cada aplicación y sus cuentas conectadas.
    .json = Salida para programas (JSON).
help-whoami = Pregunta a Factorial a quién pertenece el token de una cuenta.
    .app = El nombre de la aplicación.
    .account = Qué cuenta, si la aplicación tiene varias (su id, su correo o el id de la empresa).
    .json = Salida para programas (JSON).
help-refresh = Renueva ahora el token de acceso de una cuenta.
    .app = El nombre de la aplicación.
    .account = Qué cuenta, si la aplicación tiene varias (su id, su correo o el id de la empresa).
help-publish = Comparte el token de acceso de una cuenta con el gestor de secretos de tu empresa (OpenBao o Vault), donde lo leen los servidores. Este ordenador sigue siendo el único que lo renueva; el token de renovación y el secreto de cliente nunca salen de él.
help-publish-add = Comparte el token de una cuenta en una entrada KV versión 2, y lo publica allí ahora y tras cada renovación. El inicio de sesión (un token o, con --approle, el ID secreto de AppRole) se lee de la entrada estándar (o se pide, oculto, en un terminal) y se guarda en el llavero.
    .app = El nombre de la aplicación.
    .account = Qué cuenta, si la aplicación tiene varias (su id, su correo o el id de la empresa).
    .address = La dirección del gestor de secretos, por ejemplo https://vault.example.com:8200.
    .mount = El montaje del motor de secretos KV versión 2 (por defecto, secret).
    .path = La ruta de la entrada en ese montaje, por ejemplo factorial/nominas.
    .namespace = El espacio de nombres, en Vault Enterprise o en un OpenBao con espacios de nombres.
    .ca_file = Un archivo PEM con la autoridad de certificación de tu empresa, si firma el certificado del servidor.
    .approle = Inicia sesión con AppRole, con este ID de rol (el ID secreto se lee como un token).
help-publish-list = Lista las cuentas compartidas con un gestor de secretos: dónde, la última versión publicada y cuándo, o por qué no.
    .json = Salida para programas.
help-publish-test = Prueba el destino de una cuenta: relee lo último publicado (o, antes de publicar nada, crea la entrada como lo haría la publicación, sin ningún token).
    .app = El nombre de la aplicación.
    .account = Qué cuenta, si la aplicación tiene varias (su id, su correo o el id de la empresa).
help-publish-remove = Deja de compartir el token de una cuenta: sus versiones se destruyen en el servidor (queda una marca sin ningún token) y después se olvidan aquí el destino y su inicio de sesión.
    .app = El nombre de la aplicación.
    .account = Qué cuenta, si la aplicación tiene varias (su id, su correo o el id de la empresa).
    .here_only = Olvida el destino aquí sin preguntar al servidor (uno que ya no existe); lo publicado se queda allí.
help-publish-hand-over = Entrega una cuenta compartida a los guardianes (factorial-connect keeper, en un servidor): su token de renovación y el secreto de cliente de la aplicación se escriben una vez en una entrada privada que ellos leen y, desde entonces, este ordenador no la renueva nunca; token y exec leen el token que publican los guardianes.
    .app = El nombre de la aplicación.
    .account = Qué cuenta, si la aplicación tiene varias (su id, correo o id de empresa).
    .folder = La carpeta de los guardianes en el mismo montaje (por defecto factorial-connect-keeper); solo debe poder leerla la política de los guardianes.
help-keeper = Mantiene vivas, en un servidor, las cuentas que entregaron los escritorios: cada una la renueva a su hora exactamente uno de los guardianes que vigilan la carpeta, y su token nuevo se publica donde lo leen los servidores. Funciona hasta que se detiene; escribe su registro en la salida de errores. No usa ventana, llavero ni carpeta de datos.
    .address = La dirección del gestor de secretos (o BAO_ADDR).
    .mount = El montaje del motor de secretos KV versión 2 (por defecto secret).
    .folder = La carpeta donde los escritorios entregan las cuentas (por defecto factorial-connect-keeper).
    .namespace = El espacio de nombres, en Vault Enterprise o en un OpenBao con espacios de nombres (o BAO_NAMESPACE).
    .ca_file = Un archivo PEM con la autoridad de certificación de tu empresa (o BAO_CACERT).
    .approle = Iniciar sesión con AppRole, con este ID de rol; el archivo de inicio de sesión contiene entonces el ID secreto.
    .login_file = El archivo con el token del guardián (o el ID secreto de AppRole); por defecto, la credencial openbao-login que pasa systemd.
    .name = El nombre de este guardián en los arrendamientos que escribe (por defecto, el nombre del equipo y el id del proceso).
    .lease_seconds = Cuánto tiempo retiene un guardián una cuenta mientras la renueva antes de que otro pueda hacerlo (por defecto 120).
    .scan_seconds = Cada cuánto se lista la carpeta en busca de cuentas entregadas o retiradas (por defecto 60).
help-revoke = Revoca en Factorial los tokens de una cuenta y los olvida aquí.
    .app = El nombre de la aplicación.
    .account = Qué cuenta, si la aplicación tiene varias (su id, su correo o el id de la empresa).
help-forget = Olvida los tokens de una cuenta solo en este ordenador (siguen siendo válidos en Factorial).
    .app = El nombre de la aplicación.
    .account = Qué cuenta, si la aplicación tiene varias (su id, su correo o el id de la empresa).
help-completions = Escribe un script de autocompletado para un intérprete de órdenes. Los paquetes de Linux ya instalan los de bash, zsh y fish. En otros sistemas, por ejemplo: factorial-connect completions bash > ~/.local/share/bash-completion/completions/factorial-connect; en PowerShell, añade esta línea a tu perfil: factorial-connect completions powershell | Out-String | Invoke-Expression
    .shell = bash, zsh, fish, powershell o elvish.

# Lo que clap añade a cada orden.
builtin-help-flag = Mostrar la ayuda
builtin-version-flag = Mostrar la versión
builtin-help-command = Muestra esta ayuda, o la de la orden indicada
    .subcommand = La orden cuya ayuda se muestra

heading-usage = Uso:
heading-commands = Órdenes:
heading-arguments = Argumentos:
heading-options = Opciones:

# Una línea de órdenes que no se pudo entender. `command` es cómo pedir ayuda, por ejemplo
# «factorial-connect authorize --help».
usage-error = error: { $problem }

    { $usage }

    Para más información, ejecuta: { $command }
usage-unknown-argument = argumento inesperado «{ $argument }».{ $has_suggestion ->
    [yes] { " " }¿Querías decir «{ $suggestion }»?
   *[no] {""}
}
usage-unknown-command = «{ $argument }» no es una orden.{ $has_suggestion ->
    [yes] { " " }¿Querías decir «{ $suggestion }»?
   *[no] {""}
}
usage-missing = falta: { $argument }.
usage-missing-choice = indica qué cambiar, con una o varias de estas opciones: { $options }.
usage-invalid-value = «{ $value }» no es un valor válido para { $argument }.{ $has_valid ->
    [yes] { " " }Puede ser: { $valid }.
   *[no] {""}
}
usage-no-value = { $argument } necesita un valor.
usage-repeated = { $argument } solo puede indicarse una vez.
usage-conflict = { $argument } no puede usarse junto con { $other }.
usage-other = { $problem }

## Lo que dice la línea de órdenes (los errores vienen de los mensajes `error-` de ../es.ftl,
## que se carga junto con este archivo)

cli-error = error: { $text }
cli-token-of = Token de { $kind ->
    [company] empresa
   *[user] usuario
}, cuenta { $account } de «{ $app }»
cli-refreshed = Renovado { $label } ({ $account }); { $expiry }.
cli-revoked = Se revocaron en Factorial los tokens de { $label } ({ $account }) y se borraron de aquí.
cli-forgot = Se olvidaron los tokens de { $label } ({ $account }) en este ordenador. Siguen siendo válidos en Factorial hasta que se revoquen.
cli-forgot-company = Se olvidó el token de empresa de { $label } ({ $account }) solo en este ordenador. No caduca y sigue actuando en nombre de toda la empresa en Factorial; desde aquí ya no se puede revocar. Si nadie lo necesita, revócalo en Factorial (Aplicaciones OAuth → esta aplicación). La próxima vez, factorial-connect revoke lo anula en Factorial y aquí a la vez.
cli-no-apps = Aún no hay aplicaciones. Añade una con: factorial-connect apps add NOMBRE --client-id ID
cli-status-app = { $name } ({ $environment }, cliente { $client_id })
cli-unidentified-unknown = Factorial no ha dicho de quién es este token; vuelve a preguntar: factorial-connect whoami { $app }
cli-status-not-connected = sin conectar — ejecuta: factorial-connect authorize { $app }
cli-status-account = token de { $kind ->
    [company] empresa
   *[user] usuario
}, { $health }
cli-added = Se añadió «{ $name }» ({ $environment }). Conéctala con: factorial-connect authorize { $app }
cli-edited = Se guardaron los cambios de «{ $name }».
cli-could-not-write = error: no se pudo escribir la respuesta ({ $problem }).
cli-removed = Se eliminó «{ $name }» y sus secretos de este ordenador. Sus tokens siguen siendo válidos en Factorial hasta que se revoquen allí.
cli-connect-intro = Para conectar «{ $app }» (token de { $kind ->
    [company] empresa
   *[user] usuario
}), abre esta dirección y pulsa Autorizar:
cli-browser-opened = Se abrió tu navegador.
cli-waiting = Esperando a Factorial…
cli-waiting-paste = Esperando a Factorial… Si el navegador no vuelve aquí, pega la dirección en la que terminó (o el código que muestra) y pulsa Intro.
cli-cancelled = Cancelado.
cli-no-display = factorial-connect: aquí no hay pantalla gráfica, así que la ventana no puede abrirse. Usa la línea de órdenes (factorial-connect --help) o ejecútalo dentro de tu sesión de escritorio.
cli-window-missing = factorial-connect: no se pudo abrir la ventana desde { $path } ({ $problem }). Reinstala Factorial Connect; la línea de órdenes funciona sin ella (factorial-connect --help).
cli-window-failed = factorial-connect: la ventana no pudo arrancar ({ $problem }).
cli-window-cannot-load = factorial-connect: el programa de la ventana ({ $path }) no pudo arrancar: { $reason ->
    [dll-missing] Windows no encontró una biblioteca que necesita (una DLL como WebView2Loader.dll)
    [bad-image] está dañado o es para otro tipo de ordenador
    [entry-point] una biblioteca que usa es de otra versión
   *[dll-init] una biblioteca que necesita no pudo arrancar
} (estado de Windows { $status }). Vuelve a instalar Factorial Connect con su instalador. La línea de órdenes funciona sin la ventana: factorial-connect --help.
window-cannot-open-title = Factorial Connect no puede abrir su ventana
window-no-webview = Este ordenador no tiene Microsoft Edge WebView2 Runtime, que Factorial Connect necesita para dibujar su ventana.

    Instálalo desde la página de Microsoft https://developer.microsoft.com/microsoft-edge/webview2/ (el «Evergreen Bootstrapper») y vuelve a abrir Factorial Connect. Mientras tanto tus aplicaciones y tokens siguen a salvo, y la línea de órdenes funciona sin la ventana: abre un terminal y ejecuta factorial-connect --help.

    Detalles para soporte: { $problem }
window-crashed-title = Factorial Connect se ha detenido
window-crashed = Factorial Connect encontró un error que no esperaba y tuvo que cerrarse (en { $place }). Tus aplicaciones y tokens están a salvo.

    Vuelve a abrirlo. Si vuelve a pasar, avísanos indicando el lugar de arriba y lo que estabas haciendo. La línea de órdenes sigue funcionando: factorial-connect --help.
cli-could-not-start = factorial-connect: no se pudo arrancar ({ $problem }).
cli-links-not-registered = factorial-connect: no se pudieron registrar los enlaces factorial-connect:// ({ $problem }). Las autorizaciones siguen funcionando pegando la dirección en la que termina el navegador.
cli-not-watching = factorial-connect: no se puede vigilar la carpeta de datos ({ $problem }); la ventana muestra los cambios hechos en otro sitio solo tras su siguiente acción.
cli-json-failed = error: no se pudo escribir la respuesta JSON ({ $problem }).
cli-connected = Se conectó «{ $app }» con { $label } (cuenta { $account }).
cli-pkce-turned-on = nota: PKCE está activado ahora para «{ $app }»: una aplicación pública no puede funcionar de forma segura sin él.
cli-never-expires = no caduca
cli-expires-in = caduca en { $span }
cli-expires-soon = caduca en { $span } (se renueva al usarlo)
cli-expired-ago = caducó hace { $span } (se renueva al usarlo)
cli-needs-you = necesita que vuelvas a conectar ({ attention })
cli-keep-fresh-failed = aviso: no se pudo renovar el token para la orden en marcha. { $text } Se vuelve a intentar en breve; hasta entonces el archivo conserva el token actual.
cli-exec-failed = factorial-connect: no se pudo ejecutar «{ $program }» ({ $problem }).
cli-stays-connected = ; el token de renovación dura { $span } más
cli-no-tray = factorial-connect: no se pudo crear el icono de la bandeja ({ $problem }); cerrar la ventana cierra la aplicación.
cli-notice-failed = factorial-connect: no se pudo mostrar una notificación ({ $problem }).

# The hidden prompt for a client secret typed at a terminal.
cli-server-token-prompt = Token del gestor de secretos (no se ve al escribirlo):{" "}
cli-approle-secret-prompt = ID secreto de AppRole (no se ve al escribirlo):{" "}
cli-shared = Se comparte el token de { $label } ({ $account }) en { $server }, entrada { $entry } (versión { $version } escrita). Cada token nuevo se publica allí tras su renovación: lo hace la ventana mientras está abierta, y factorial-connect refresh.
cli-share-tested = { $server } funciona: la entrada { $entry } { $version ->
    [0] se pudo crear, releer y marcar como prueba, sin ningún token.
   *[other] tiene la versión { $version }, la última que escribió Factorial Connect.
}
cli-unshared = Se dejó de compartir el token de { $label } ({ $account }) en { $server }. { $here_only ->
    [yes] Olvidado solo aquí: lo publicado se queda en { $entry }.
   *[no] La entrada { $entry } ya no contiene ningún token.
}
cli-publish-failed = aviso: la renovación funcionó, pero el token nuevo no se compartió. { $text } Factorial Connect lo vuelve a intentar mientras su ventana está abierta.
cli-no-shares = Ninguna cuenta se comparte con un gestor de secretos. Comparte una con: factorial-connect publish add APP --address URL --path RUTA
cli-share-line = { $app } / { $account } → { $server }, { $entry }: { $state }
cli-share-left-behind = aviso: no se pudo retirar la copia compartida en { $server }. { $text } Pide que borren allí la entrada { $entry }: puede contener un token que aún funciona.
cli-share-published = versión { $version }, publicada hace { $span }
cli-share-waiting = aún sin publicar
cli-kept-by-keepers = la mantienen viva en un servidor sus guardianes
cli-share-kept = la mantienen viva allí los guardianes desde hace { $span } (entrada privada { $private })
cli-handed-over = { $label } ({ $account }) se entregó a los guardianes de { $server }: su token de renovación y el secreto de cliente de la aplicación están en { $private }, que solo debe poder leer la política de los guardianes. Este ordenador ya no la renueva; factorial-connect token y exec leen el token que publican los guardianes en { $entry }.
cli-keeper-started = Guardián { $name } en marcha: mantiene vivas las cuentas entregadas en { $folder } de { $server } y publica cada token nuevo.
cli-keeper-stopped = Guardián { $name } detenido.
cli-keeper-watching = { $count ->
    [0] Aún no hay ninguna cuenta entregada en { $folder }.
    [one] Una cuenta entregada en { $folder }.
   *[other] { $count } cuentas entregadas en { $folder }.
}
cli-keeper-list-failed = No se pudo listar la carpeta { $folder }. { $text } Se vuelve a intentar dentro de un minuto.
cli-keeper-refreshed = { $account }: renovada (rotación { $rotations }) y publicada como versión { $version }.
cli-keeper-refreshed-unpublished = { $account }: renovada (rotación { $rotations }), pero el token nuevo no se publicó. { $text } Se vuelve a intentar enseguida.
cli-keeper-published = { $account }: publicada como versión { $version }.
cli-keeper-refused = { $account }: Factorial rechazó su token de renovación, así que ya no se mantiene viva. Vuelve a conectar la cuenta en un escritorio, pide que borren aquí su entrada y entrégala de nuevo.
cli-keeper-failed = { $account }: { $text } Se vuelve a intentar enseguida.
cli-share-failing = falla; se reintenta dentro de { $span }: { $text }
cli-share-stopped = detenido: { $text } Para volver a compartir: factorial-connect publish remove y después publish add.
cli-secret-prompt = Secreto de cliente (Factorial lo muestra una sola vez; no se ve al escribirlo):{" "}
# Why a duration such as 7d cannot be read.
cli-duration-problem = { $why ->
    [no_unit] falta la unidad (d, h, m o s)
    [no_number] falta el número
    [too_long] demasiado largo
   *[unknown_unit] la unidad es d, h, m o s
}

## The manual pages' own sections (the rest of a page is the help above)

manual-see-also = VÉASE TAMBIÉN
manual-exit-status = ESTADO DE SALIDA
manual-exit-0 = Hecho.
manual-exit-1 = Un fallo inesperado.
manual-exit-2 = Uso incorrecto: un argumento o valor erróneo, un nombre ya usado, o varias cuentas y ningún --account.
manual-exit-3 = No existe esa aplicación o cuenta, o aún no está conectada.
manual-exit-4 = Hay que volver a conectar la cuenta (Factorial rechazó su token de renovación o de acceso), o no se puede renovar (un token de empresa).
manual-exit-5 = No se pudo llegar a Factorial, no respondió a tiempo o respondió algo ilegible.
manual-exit-6 = El llavero falta, está bloqueado o no responde, o le falta un secreto.
manual-exit-7 = La autorización se denegó, se rechazó, se canceló o caducó, o Factorial rechazó su código.
manual-exit-8 = No se pudo leer o escribir la carpeta de datos, o su archivo está dañado o es de una versión más nueva (se deja intacto).
manual-exit-9 = Ocupado: otro proceso de Factorial Connect retuvo la cuenta o la carpeta de datos demasiado tiempo; inténtalo de nuevo.
manual-exit-10 = El gestor de secretos con el que se comparte una cuenta no respondió, rechazó la petición o tiene la versión de otro; los tokens de la cuenta están bien.
