# Factorial Connect — español.
#
# La misma estructura que en.ftl: cada mensaje y cada atributo de allí existe aquí (una prueba lo
# comprueba), con las mismas variables.

-app = Factorial Connect

# A field of an application, by `$field`.
field-name = { $field ->
    [name] nombre
    [environment] URL base
    [client_id] ID de cliente
    [client_secret] secreto de cliente
    [redirect_uri] URI de redirección
    [scopes] permisos
    [pkce] ajuste de PKCE
    [refresh_lifetime] vida del token de renovación
    [request] petición
    [server_address] dirección del gestor de secretos
    [server_mount] montaje
    [server_path] ruta de la entrada
    [server_namespace] espacio de nombres
    [server_login] ID de rol de AppRole
    [server_secret] inicio de sesión del gestor de secretos
    [keeper_folder] carpeta de los guardianes
    [keeper_login] archivo de inicio de sesión del guardián
   *[timeout] tiempo de espera
}

# What Factorial said about a refusal, when it said something.
provider-said = { $has_description ->
    [yes] { " " }Palabras de Factorial: «{ $description }».
   *[no] {""}
}

# Where a copy of an unreadable file was kept, if one was.
backup-kept = { $has_backup ->
    [yes] { " " }Se guardó una copia en { $backup }.
   *[no] {""}
}

# What was being done, by `$during`.
step-name = { $during ->
    [connecting] al conectar
    [refreshing] al renovar
    [revoking] al revocar
   *[identifying] al preguntar a quién pertenece el token
}

error-invalid_input = { $issue ->
    [empty] { $field ->
        [name] Ponle un nombre a la aplicación, por ejemplo «Sincronizar nóminas».
        [environment] Elige un entorno: producción, demo o la URL base de otro servidor de Factorial.
        [client_id] El ID de cliente está vacío. Cópialo de la página de la aplicación en Factorial (Aplicaciones OAuth → tu aplicación).
        [server_address] Indica la dirección del gestor de secretos, por ejemplo https://vault.example.com:8200.
        [server_mount] Indica el montaje del motor de secretos KV versión 2, por ejemplo secret.
        [server_path] Indica la ruta de la entrada en ese montaje, por ejemplo factorial/nominas.
        [server_login] Indica el ID de rol de AppRole; lo tiene quien administra el gestor de secretos.
        [server_secret] Indica el token (o, con AppRole, el ID secreto) que te dio quien administra el gestor de secretos.
        [keeper_login] El guardián no tiene inicio de sesión en el gestor de secretos: no se indicó su archivo, o está vacío. Pon el token del guardián (o, con --approle, su ID secreto) en /etc/factorial-connect/openbao-login e inícialo con su unidad de systemd, o indica el archivo con --login-file.
       *[other] El campo { field-name } está vacío.
    }
    [too_long] El campo { field-name } es demasiado largo; usa menos de { $max } caracteres.
    [control_characters] El campo { field-name } contiene caracteres invisibles (de control, de anchura cero o que cambian la dirección del texto) que podrían hacer que se lea como otra cosa; escríbelo de nuevo.
    [looks_like_address] El { field-name } no puede parecer una dirección ni empezar por «-»; elige un nombre sencillo.
    [not_one_word] { $field ->
        [server_mount] El montaje es un solo nombre sin barras, por ejemplo secret; el resto va en la ruta de la entrada.
        [server_login] El ID de rol de AppRole debe ser una sola palabra sin espacios. Cópialo de nuevo de quien te lo dio.
       *[other] El { field-name } debe ser una sola palabra sin espacios. Cópialo de nuevo de la página de la aplicación en Factorial.
    }
    [not_a_path] { $field ->
        [keeper_folder] La carpeta de los guardianes debe ser una carpeta propia, fuera de la carpeta de la entrada que leen los servidores (por ejemplo factorial-connect-keeper): quien puede leer los tokens publicados no debe leer los tokens de renovación que se guardan allí.
       *[other] El campo { field-name } solo admite letras, cifras, «-», «_» y «.», en nombres separados por «/», sin «..»: por ejemplo factorial/nominas.
    }
    [secret_required] Una aplicación confidencial necesita su secreto de cliente. Factorial lo muestra una sola vez, al crear la aplicación; si se ha perdido, crea una aplicación nueva en Factorial.
    [secret_not_allowed] Una aplicación pública (no confidencial) no tiene secreto de cliente. Deja el secreto vacío o marca la aplicación como confidencial.
    [public_without_pkce] Una aplicación pública (no confidencial) debe usar PKCE: sin secreto de cliente, PKCE es lo que impide que otro programa use un código interceptado. Deja PKCE activado o marca la aplicación como confidencial.
    [not_an_address] { $field ->
        [environment] «{ $value }» no es producción, demo ni una URL válida: { address-problem }. Una URL base tiene este aspecto: https://api.factorialhr.com.
        [server_address] «{ $value }» no es una dirección válida: { address-problem }. La dirección de un gestor de secretos tiene este aspecto: https://vault.example.com:8200.
       *[other] «{ $value }» no es una { field-name } válida: { address-problem }. Usa factorial-connect://oauth/callback, exactamente como está registrada en Factorial.
    }
    [plain_http] { $field ->
        [environment] La URL base usa http sin cifrar, que enviaría los secretos sin protección. Usa https (http solo se permite para 127.0.0.1 o localhost).
        [server_address] La dirección del gestor de secretos usa http sin cifrar, que enviaría los tokens sin protección. Usa https (http solo se permite para 127.0.0.1 o localhost).
       *[other] Una { field-name } con http sin cifrar solo se permite para 127.0.0.1 o localhost. Usa https o la dirección propia de la aplicación, factorial-connect://.
    }
    [forbidden_scheme] { $field ->
        [environment] La URL base debe empezar por https:// (empieza por { $scheme }://).
        [server_address] La dirección del gestor de secretos debe empezar por https:// (empieza por { $scheme }://).
       *[other] Una dirección { $scheme }: no puede ser una { field-name }.
    }
    [no_host] El campo { field-name } no tiene nombre de servidor.
    [not_just_server] { $field ->
        [server_address] La dirección del gestor de secretos debe ser solo el servidor, como https://vault.example.com:8200, sin ruta (como /v1), ?consulta, #fragmento ni nombre de usuario.
       *[other] La { field-name } debe ser solo la dirección del servidor, sin ?consulta, #fragmento ni nombre de usuario.
    }
    [has_fragment] Una { field-name } no puede contener un #fragmento (OAuth lo prohíbe).
    [not_a_scope] «{ $scope }» no es un nombre de permiso. Los permisos son palabras como employees o time_off, separadas por espacios.
    [unreadable] No se pudo leer el campo { field-name }.
    [fixed_once_connected] { $field ->
        [environment] El entorno
       *[other] El campo { field-name }
    } no puede cambiar mientras haya una cuenta conectada: sus tokens dependen de él. Olvida antes las cuentas o añade una aplicación nueva.
    [out_of_range] La { field-name } debe ser de al menos { $min } segundos y como mucho { $max } segundos (366 días). Los tokens de renovación de Factorial viven 7 días.
    [bad_argument] La ventana envió «{ $command }» { $problem ->
        [missing] sin su «{ $argument }»
       *[wrong_type] con un «{ $argument }» de un tipo que no es el suyo
    }, así que no se hizo nada. Cierra Factorial Connect y ábrelo de nuevo; si sigue pasando, puede que una página que no es la de la aplicación le esté hablando: infórmanos.
   *[above_limit] { $field ->
        [timeout] El tiempo de espera puede ser como mucho de { $max } segundos: entonces caduca el enlace de autorización.
       *[other] El campo { field-name } puede ser como mucho { $max }.
    }
}
    .cli = { $issue ->
        [unreadable] { $field ->
            [client_secret] No se pudo leer el secreto de cliente (del terminal, o de la entrada estándar como texto). Escríbelo cuando se te pida o pásalo por una tubería: printf %s "$SECRET" | factorial-connect apps add …
           *[other] No se pudo leer el campo { field-name }.
        }
        [above_limit] { $field ->
            [timeout] --timeout puede ser como mucho { $max } segundos: entonces caduca el enlace de autorización.
           *[other] El campo { field-name } puede ser como mucho { $max }.
        }
       *[other] {""}
    }

error-app_not_found = No hay ninguna aplicación llamada «{ $name }».
    .cli = No hay ninguna aplicación llamada «{ $name }». { $has_known ->
        [yes] Aplicaciones conocidas: { $known }.
       *[no] Aún no hay aplicaciones: añade una primero (factorial-connect apps add).
    }
error-app_exists = Ya existe una aplicación llamada «{ $name }». Elige otro nombre o elimina antes la antigua.
error-not_connected = «{ $app }» aún no está conectada a ninguna cuenta de Factorial. Pulsa Conectar.
    .cli = «{ $app }» aún no está conectada a ninguna cuenta de Factorial. Conéctala primero (factorial-connect authorize { $app_quoted }).
error-already_shared = Esta cuenta de «{ $app }» ya se comparte con { $server }. Deja de compartirla allí primero; después compártela de nuevo donde quieras.
    .cli = Esta cuenta de «{ $app }» ya se comparte con { $server }. Deja de compartirla allí primero (factorial-connect publish remove { $app_quoted }) y vuelve a ejecutar publish add.
error-kept_by_keeper = Esta cuenta de «{ $app }» se entregó a los guardianes de { $server }: ahora la renuevan ellos, no este ordenador, y su token se lee de lo que publican. Renovarla, revocarla o dejar de compartirla se hace allí: para recuperarla, pide que borren allí la entrada { $entry } (los guardianes se detienen entonces), ejecuta factorial-connect publish remove --here-only y vuelve a conectar la cuenta aquí.
error-not_shared = Esta cuenta de «{ $app }» no se comparte con ningún gestor de secretos.
error-account_not_found = «{ $app }» no tiene la cuenta «{ $account }». Sus cuentas: { $known }.
error-account_ambiguous = «{ $app }» está conectada a varias cuentas; elige una: { $accounts }.
    .cli = «{ $app }» está conectada a varias cuentas; indica cuál con --account: { $accounts }.
error-keychain = { $problem ->
    [not_running] No hay ningún llavero disponible, así que los secretos no se pueden guardar de forma segura. Inicia el llavero del sistema (en Linux: GNOME Keyring o KeePassXC en tu sesión de escritorio) e inténtalo de nuevo. { -app } nunca guarda secretos en un archivo normal.
    [locked] El llavero está bloqueado o ha denegado el acceso. Desbloquéalo (por ejemplo, volviendo a iniciar sesión o en «Contraseñas y claves») e inténtalo de nuevo.
    [too_long] Un secreto es demasiado largo para el llavero de este sistema. Por favor, comunícalo al equipo de { -app }.
    [not_responding] El llavero no respondió a tiempo. Puede que esté esperando a que lo desbloquees en un diálogo; desbloquéalo (o vuelve a iniciar sesión) e inténtalo de nuevo.
   *[other] No se pudo usar el llavero. Comprueba que está en marcha y desbloqueado e inténtalo de nuevo.
}
error-tokens_not_saved = Factorial emitió tokens nuevos, pero el llavero no quiso guardarlos. { $revoked ->
    [true] Se revocaron en Factorial, así que no queda nada utilizable.
   *[false] Tampoco se pudieron revocar en Factorial, así que pueden seguir funcionando allí hasta que se revoquen desde el panel de Factorial.
} Asegúrate de que el llavero está en marcha y desbloqueado y vuelve a conectar la cuenta.
error-secret_missing = { $secret ->
    [tokens] Falta en el llavero el token de esta cuenta (puede que se borrara fuera de { -app }). Vuelve a conectar la cuenta.
    [share_login] Falta en el llavero el inicio de sesión del gestor de secretos con el que se comparte esta cuenta (puede que se borrara fuera de { -app }). Vuelve a compartir la cuenta.
   *[other] Falta en el llavero un secreto de esta aplicación (puede que se borrara fuera de { -app }). Elimina la aplicación y añádela de nuevo con su secreto de cliente; si el secreto se ha perdido, crea una aplicación nueva en Factorial, que muestra el secreto una sola vez.
}
    .cli = { $secret ->
        [tokens] Falta en el llavero el token de esta cuenta (puede que se borrara fuera de { -app }). Vuelve a conectar la cuenta.
        [share_login] Falta en el llavero el inicio de sesión del gestor de secretos con el que se comparte esta cuenta (puede que se borrara fuera de { -app }). Vuelve a compartir la cuenta.
       *[other] Falta en el llavero un secreto de esta aplicación (puede que se borrara fuera de { -app }). Elimina la aplicación y añádela de nuevo con su secreto de cliente (factorial-connect apps remove y después apps add); si el secreto se ha perdido, crea una aplicación nueva en Factorial, que muestra el secreto una sola vez.
    }
# Qué falla en una dirección (donde se rechaza una dirección).
address-problem = { $problem ->
    [empty_host] no tiene nombre de servidor después del esquema
    [bad_host] su nombre de servidor tiene caracteres que ningún nombre puede tener
    [bad_port] su puerto no es un número de 0 a 65535
    [bad_ip_address] su dirección IP no es válida
    [no_scheme] no empieza por un esquema como https://
    [too_long] es demasiado larga para leerla
   *[other] no se puede leer como una dirección
}
# Por qué una respuesta no lo es (lo usa error-callback_rejected).
malformed-why = { $why ->
    [empty] está vacía
    [control_characters] contiene caracteres de control invisibles
    [not_an_address] la dirección no es válida: { address-problem }
    [foreign_link] { -app } solo atiende enlaces factorial-connect://oauth/callback
    [no_code] la dirección no contiene ningún código
    [repeated_parameter] repite el parámetro { $name }
    [not_a_code] el código tiene caracteres que un código de autorización nunca tiene
    [link_without_state] el enlace no lleva «state», así que no se puede asociar a ninguna autorización iniciada aquí
    [link_not_an_address] un enlace debe ser una dirección
   *[ambiguous_code] hay varias autorizaciones esperando, así que un código suelto es ambiguo
}

# Qué hacer con un enlace que nadie pidió aquí (cualquier página web puede abrir uno).
link-not-asked-for = No se ha cambiado nada. Si no acabas de pulsar Autorizar en Factorial, ignóralo: puede que lo abriera una página web u otro programa. Si lo hiciste, pulsa Conectar de nuevo.
error-callback_rejected = { $kind ->
    [unknown_state] { $from_link ->
        [true] Llegó un enlace factorial-connect que no responde a ninguna autorización iniciada aquí (o a una que ya se limpió). { link-not-asked-for }
       *[false] Ese enlace no pertenece a ninguna autorización iniciada aquí (o ya se limpió). Vuelve a iniciar la autorización.
    }
    [replayed] Esa autorización ya se completó; un enlace solo funciona una vez. Inicia una nueva si necesitas otro token.
    [expired] Ese enlace de autorización caducó (duran { $minutes } minutos). Vuelve a iniciar la autorización.
    [denied] Se denegó el acceso en Factorial (se pulsó Denegar, o la cuenta no puede concederlo). Empieza de nuevo y pulsa Autorizar.
    [provider_error] Factorial rechazó la autorización ({ $error_code }).{ provider-said } { $error_code ->
        [invalid_scope] Pide solo permisos que estén activados en la aplicación en Factorial.
        [unauthorized_client] Revisa los ajustes de la aplicación en Factorial.
        [invalid_request] Comprueba el ID de cliente y la URI de redirección con la página de la aplicación en Factorial.
       *[other] Inténtalo de nuevo; si sigue fallando, revisa los ajustes de la aplicación en Factorial.
    }
    [malformed] { $from_link ->
        [true] Llegó un enlace factorial-connect que no responde a ninguna autorización iniciada aquí ({ malformed-why }). { link-not-asked-for }
       *[false] Eso no es una respuesta de autorización: { malformed-why }. Pega la dirección completa en la que terminó el navegador, o solo el código que mostró.
    }
    [too_long] { $from_link ->
        [true] Llegó un enlace factorial-connect demasiado largo para ser una respuesta de autorización ({ $len } caracteres). { link-not-asked-for }
       *[false] Ese texto es demasiado largo para ser una respuesta de autorización ({ $len } caracteres). Pega solo la dirección en la que terminó el navegador, o el código.
    }
    [belongs_to_another] Esa respuesta pertenece a otra autorización (iniciada para otra aplicación o en otra ventana). Pega la dirección de la pestaña que abrió esta autorización; esta sigue esperando.
   *[nothing_pending] No hay ninguna autorización esperando respuesta. Pulsa Conectar primero.
}
    .cli = { $kind ->
        [nothing_pending] No hay ninguna autorización esperando respuesta. Inicia una primero (factorial-connect authorize APP, o Conectar en la ventana).
       *[other] {""}
    }
error-code_refused = Factorial rechazó el código de autorización (caducó, ya se usó, o la URI de redirección no es la registrada).{ provider-said } Vuelve a iniciar la autorización.
error-reconnect_needed = Factorial ya no acepta el token de renovación de esta cuenta (caducó, se revocó o se sustituyó).{ provider-said } Vuelve a conectar la cuenta. Los tokens guardados se conservan.
error-token_rejected = Factorial rechazó el token de acceso (se revocó o caducó). Vuelve a conectar «{ $app }».
error-provider_refused = { $error ->
    [invalid_client] Factorial no aceptó el ID de cliente o el secreto de cliente { step-name }.{ provider-said } Compáralos con la página de la aplicación en Factorial (el secreto solo se muestra al crear la aplicación: si se ha perdido, crea una nueva).
    [invalid_grant] Factorial rechazó el token { step-name } (caducó, se revocó o se sustituyó).{ provider-said } Vuelve a conectar la cuenta.
    [unauthorized_client] Esta aplicación no tiene permitido hacer eso { step-name }.{ provider-said } Revisa los ajustes de la aplicación en Factorial.
    [invalid_scope] Factorial rechazó los permisos pedidos { step-name }.{ provider-said } Pide solo permisos que estén activados en la aplicación en Factorial.
   *[other] Factorial rechazó la petición { step-name } ({ $error_code }).{ provider-said } Revisa los ajustes de la aplicación e inténtalo de nuevo.
}
error-not_refreshable = El token de esta cuenta no se puede renovar: { $reason ->
    [company_token] los tokens de empresa no caducan y no traen token de renovación.
   *[no_refresh_token] Factorial no dio ningún token de renovación para ella.
} Si deja de funcionar, vuelve a conectarla.
error-network = No se pudo contactar con { $host }. Comprueba tu conexión a internet (y el proxy) e inténtalo de nuevo.
error-connection_lost = La conexión con { $host } se cortó antes de que llegara la respuesta. { $during ->
    [connecting] Puede que Factorial ya haya gastado el código de autorización: vuelve a iniciar la autorización.
    [refreshing] Puede que Factorial ya haya sustituido los tokens. Los tokens guardados se conservan: inténtalo de nuevo y, si Factorial los rechaza, vuelve a conectar la cuenta.
    [revoking] Inténtalo de nuevo para asegurarte de que los tokens quedan revocados.
   *[identifying] Inténtalo de nuevo.
}
error-timeout = { $host } no respondió a tiempo. Inténtalo de nuevo dentro de un momento.
error-server_error = { $host } tuvo un problema en su lado (HTTP { $status }). Inténtalo de nuevo dentro de unos minutos.
error-bad_response = { $host } envió una respuesta que { -app } no entiende ({ $has_status ->
    [yes] HTTP { $status }: { answer-flaw }
   *[no] { answer-flaw }
}). Comprueba que la URL base del entorno es correcta o inténtalo más tarde.
# Qué falla en una respuesta (lo usa error-bad_response).
answer-flaw = { $flaw ->
    [not_json] { $content_type } en lugar de JSON
    [json_cut_short] su JSON termina antes de tiempo
    [json_syntax] su JSON tiene un error de sintaxis
    [json_shape] su JSON no tiene la forma esperada
    [empty] está vacía
    [cut_short] se cortó a medias
    [too_large] ocupa más de { $limit_kib } KiB, y ninguna respuesta así ocupa tanto
    [no_owner] no nombra a ningún usuario ni empresa
   *[unexpected_status] sin más detalles
}
error-identity_refused = Factorial aceptó el token de «{ $app }», pero no quiso decir de quién es (HTTP 403). { $has_scope ->
    [yes] Pide el permiso «{ $scope }», que el token no recibió.
   *[no] Lo más probable es que los permisos de la aplicación no incluyan el que lo permite.
}{ provider-said } El token funciona y se ha conservado. Añade el permiso con Editar (y en la aplicación de Factorial si no está), y vuelve a conectar con el mismo botón (Conectar mi usuario o Conectar la empresa): esta cuenta se sustituye, no se añade dos veces.
    .cli = Factorial aceptó el token de «{ $app }», pero no quiso decir de quién es (HTTP 403). { $has_scope ->
        [yes] Pide el permiso «{ $scope }», que el token no recibió.
       *[no] Lo más probable es que los permisos de la aplicación no incluyan el que lo permite.
    }{ provider-said } El token funciona y se ha conservado. Añade el permiso a la aplicación (en la ventana: Editar; y en Factorial si no está) y vuelve a conectar (factorial-connect authorize { $app_quoted }, con --company para una cuenta de empresa): esta cuenta se sustituye, no se añade dos veces.
error-no_such_address = { $host } no tiene nada en la dirección que { -app } usa { step-name } (HTTP 404). Revisa la URL base del entorno (la de producción es https://api.factorialhr.com){ $during ->
    [identifying] , y que este servidor ofrezca la versión 2026-10-01 de la API de Factorial
   *[other] {""}
}.
error-web_page_instead = { $host } respondió con una página web en lugar de los datos de Factorial (HTTP { $status }): puede que un proxy, un cortafuegos o la página de acceso de una red (como en hoteles y algunas oficinas) se interponga. Abre { $host } en un navegador de este ordenador; si aparece una página de acceso, entra allí e inténtalo de nuevo. Si no aparece ninguna, revisa la URL base del entorno.
error-busy = Otro proceso de { -app } está { $holder ->
    [account] usando esta cuenta (renovándola, revocándola o conectándola)
   *[data_folder] escribiendo en la carpeta de datos
} y no ha terminado tras { $waited_secs } segundos. Espera un momento e inténtalo de nuevo; si vuelve a pasar, cierra las demás ventanas y scripts de { -app }.
error-storage = { -app } no pudo usar su carpeta de datos { $path }: { system-problem }. { $problem ->
    [not_found] Comprueba que la carpeta está ahí (¿un disco sin montar?) e inténtalo de nuevo.
    [permission_denied] Comprueba que la carpeta es de este usuario y que puede escribir en ella.
    [disk_full] Libera espacio en el disco e inténtalo de nuevo.
    [read_only] Monta el disco para que se pueda escribir en él, o elige otra carpeta.
   *[other] Comprueba que queda espacio en el disco y que se puede escribir en la carpeta.
}
# Por qué el sistema rechazó una operación con archivos (lo usa error-storage).
system-problem = { $problem ->
    [not_found] falta algo en ella
    [permission_denied] este usuario no puede leer ni escribir ahí
    [disk_full] el disco está lleno
    [read_only] el disco solo se puede leer, no escribir
   *[other] el sistema lo rechazó{ $has_os_code ->
        [yes] { " " }(error del sistema { $os_code })
       *[no] {""}
    }
}
error-unsafe_path = { $found ->
    [link] { -app } no usó { $path }: es un enlace a otro sitio. No se leyó ni se cambió nada. Aparta el enlace y vuelve a intentarlo.
    [not_a_file] { -app } no usó { $path }: hay una tubería, un dispositivo o una carpeta donde debería haber un archivo normal. No se leyó ni se cambió nada. Apártalo y vuelve a intentarlo.
   *[shared_folder] { -app } no usó su carpeta de datos { $path }: es un enlace a una carpeta que otros usuarios pueden leer o escribir. No se cambió nada. Haz que esa carpeta sea solo tuya (chmod 700) o quita el enlace y vuelve a intentarlo.
}
error-corrupt = El archivo { $path } está dañado ({ damage }) y se ha dejado intacto para no perder nada.{ backup-kept } Apártalo para empezar de cero o restáuralo de una copia de seguridad.
# Qué está dañado en un archivo de datos (lo usa error-corrupt).
damage = { $damage ->
    [too_large] ocupa más de { $limit_mib } MiB, más de lo que { -app } escribe nunca
    [unreadable] no se puede leer como datos de { -app } a partir de la línea { $line }, columna { $column }
   *[bad_record] { $record ->
        [application] la aplicación
        [account] la cuenta
       *[pending_authorization] la autorización pendiente
    } { $number } tiene { $part ->
        [id] un identificador no válido
        [name] un nombre no válido
        [client_id] un ID de cliente no válido
        [base_url] una URL base que no es https ni este ordenador
        [redirect_uri] una URI de redirección no válida
        [shared_to] un gestor de secretos con el que se comparte que no se podría haber introducido
       *[scopes] un permiso no válido
    }
}
error-newer_data = El archivo { $path } lo escribió una versión más nueva de { -app } (formato de datos { $format }) y se ha dejado intacto.{ backup-kept } Vuelve a instalar la versión más nueva para usarlo.
error-no_browser = No se pudo abrir ningún navegador ({ $problem ->
    [none_found] el sistema no tiene ninguno predeterminado y $BROWSER no nombra ninguno
   *[refused] el sistema no quiso iniciarlo
}). Abre tú mismo la dirección de autorización en un navegador y pega después la dirección en la que termine.
error-clipboard = No se pudo usar el portapapeles ({ $problem ->
    [unavailable] esta sesión de escritorio no ofrece ninguno
    [busy] otro programa lo está usando
   *[other] el sistema lo rechazó
}). No se copió nada; inténtalo de nuevo.
error-update_failed = No se pudo comprobar ni instalar la nueva versión ({ $problem ->
    [package_manager] el gestor de paquetes del sistema actualiza { -app }
    [unsigned] esta copia se compiló sin la clave de publicación, así que no puede comprobar una descarga
    [network] no se pudo llegar al servidor de actualizaciones
    [not_published] no hay ninguna publicada para este sistema
    [bad_signature] la firma de la descarga no coincide con la clave de publicación
    [install] no se pudo instalar
   *[other] el actualizador no dio ningún motivo
}). No se cambió nada; inténtalo más tarde o descárgala desde la página de descargas.
error-share_failed = { $problem ->
    [unreachable] No se pudo llegar a { $server }. Comprueba su dirección y su puerto, y que este ordenador pueda conectarse a él (VPN, cortafuegos).
    [timed_out] { $server } no respondió a tiempo. Inténtalo de nuevo; si sigue pasando, avisa a quien lo administra.
    [certificate] El certificado de { $server } no es de confianza: { $issue ->
        [wrong_name] es para un nombre distinto del de la dirección. Usa el nombre para el que se hizo el certificado.
        [unknown_authority] lo firma una autoridad que este ordenador no conoce. Indica el archivo de la CA de tu empresa en el destino.
        [expired] ha caducado o aún no es válido. Comprueba el reloj de este ordenador y avisa a quien administra el servidor.
       *[other] se rechazó la conexión segura. Avisa a quien administra el servidor.
    }
    [ca_file] No se pudo leer el archivo de CA { $path }, o no contiene ningún certificado. Elige el archivo PEM que empieza por -----BEGIN CERTIFICATE-----.
    [sealed] { $server } está bloqueado (sellado) hasta que quien lo administra lo desbloquee.
    [login_refused] { $server } rechazó el inicio de sesión: su token, o el ID secreto de AppRole, es incorrecto o ha caducado. Pide uno nuevo y edita el destino.
    [not_allowed] { $server } aceptó el inicio de sesión, pero su política no permite esta entrada. Pide a quien lo administra una política que deje a este inicio de sesión leer y escribir la entrada (la sección «When a server needs the token» del README tiene una).
    [no_mount] { $server } no tiene ningún motor de secretos en ese montaje. Comprueba el nombre del montaje (suele ser secret).
    [not_versioned] Ese montaje de { $server } no es un motor KV versión 2, que { -app } necesita para no sobrescribir nunca la versión de otro. Usa un montaje KV versión 2.
    [cas_not_required] En { $server }, cualquiera podría sustituir el token compartido sin check-and-set, y este inicio de sesión no puede exigirlo. Pide a quien lo administra que permita «update» en los metadatos de la entrada, o que active cas_required en el montaje.
    [path_taken] Esa entrada de { $server } ya contiene algo que { -app } no escribió. Elige otra ruta, o pide que la borren allí antes.
    [written_by_others] Alguien u otro programa escribió la versión { $found } de la entrada sobre la versión { $ours } de { -app }. Se dejó de compartir y su versión quedó como estaba: averigua quién escribe ahí y vuelve a compartir.
    [removed_by_others] Alguien u otro programa borró la entrada donde { -app } había escrito la versión { $ours }. Se dejó de compartir: averigua quién la borró y vuelve a compartir.
    [kept_token_expired] El token que publicaron los guardianes en { $server } ha caducado: no lo han renovado. Comprueba que hay un guardián en marcha (systemctl status factorial-connect-keeper) y qué dice su registro.
    [server_error] { $server } falló por su parte (HTTP { $status }). Inténtalo más tarde; si sigue pasando, avisa a quien lo administra.
   *[unexpected_answer] { $server } respondió de una forma en que no responden OpenBao ni Vault. Comprueba que la dirección es la de tu gestor de secretos.
} No ha cambiado nada de la cuenta en este ordenador.
error-wait_timed_out = No llegó ninguna respuesta del navegador en { $waited_secs } segundos. Si el navegador mostró un error, corrige lo que dice (a menudo la URI de redirección o el ID de cliente); si no, empieza de nuevo o pega la dirección en la que terminó el navegador.
error-cancelled = Se canceló la autorización. No se cambió nada.
error-unknown = Algo falló de una forma que esta versión de { -app } no sabe describir (lo registró otra versión). Inténtalo de nuevo; si sigue pasando, actualiza { -app }.

attention = { $reason ->
    [refused] Factorial rechazó sus tokens: se revocaron, caducaron o cambiaron sus permisos
    [tokens_not_saved] los tokens nuevos no se pudieron guardar en el llavero
   *[not_refreshable] caducó y no se puede renovar
}

outcome-connected-unidentified = Se conectó «{ $app_name }».
outcome-connected = Se conectó «{ $app_name }» con { $label }.

## La ventana

window-title = { -app }
window-subtitle = Tus aplicaciones OAuth de Factorial y las cuentas a las que están conectadas.
add-app = Añadir una aplicación
empty-title = Aún no hay aplicaciones
show-more-apps = Mostrar { $count ->
    [one] una aplicación más
   *[other] { $count } aplicaciones más
} (de { $total })
empty-body = Crea una aplicación OAuth en Factorial y añádela aquí: el formulario te dice qué copiar y dónde. Después, conéctala a tu usuario o a tu empresa con un clic.
not-connected = Aún no está conectada.
connect-user = Conectar mi usuario
connect-company = Conectar la empresa
connect-company-help = Un token de empresa actúa en nombre de toda la empresa y no caduca; solo un administrador de Factorial puede aprobarlo.
edit = Editar
delete = Eliminar
cancel = Cancelar
cancel-too-late = Demasiado tarde para cancelar: la respuesta de Factorial ya había llegado. El resultado aparecerá aquí en un momento.
close = Cerrar
save = Guardar
copy = Copiar
show-details = Ver detalles
hide-details = Ocultar detalles

label-environment = Entorno
env-production = Producción
env-demo = Demo (pruebas)
env-custom = Otro servidor
label-base-url = URL base
open-factorial-page = Abrir la página de aplicaciones OAuth de Factorial
label-redirect-uri = URI de redirección
redirect-uri-help = En Factorial, crea una aplicación con exactamente esta URI de redirección: debe coincidir carácter por carácter.
label-name = Nombre en esta aplicación
name-help = Cualquier nombre que te diga para qué sirve, por ejemplo «Sincronizar nóminas».
label-client-id = ID de cliente
label-client-secret = Secreto de cliente
client-secret-help = Factorial muestra el secreto una sola vez, al crear la aplicación. Si se pierde, crea allí una aplicación nueva.
new-secret-help = Déjalo vacío para conservar el secreto que tienes. Pega uno nuevo si lo regeneraste en Factorial.
label-confidential = Aplicación confidencial (tiene secreto de cliente)
confidential-help = Déjalo marcado para las aplicaciones creadas en el panel de Factorial: traen un secreto de cliente, que se queda en el llavero de este ordenador.
label-scopes = Permisos
scopes-help = Lo que la próxima conexión pide a Factorial. Si no marcas ninguno, se usan los permisos configurados en la aplicación en Factorial.
base-url-help = La dirección del servidor de Factorial, tal como te la dio su administrador, por ejemplo https://api.factorialhr.example.com. Solo https (o un servidor en este ordenador).
open-server-page = Abrir la página de aplicaciones OAuth de este servidor
scopes-filter = Buscar un permiso
scopes-filter-none = Ningún permiso coincide con «{ $filter }».
scope-group = { $group ->
    [people] Personas y empresa
    [time] Tiempo
    [money] Nómina y dinero
    [talent] Selección y desarrollo
    [work] Trabajo y proyectos
    [platform] Apps e integraciones
    [older] Permisos antiguos y generales
   *[other] Otros
}
scope-read = Leer todo lo que el usuario puede ver (permiso antiguo y general)
scope-write = Cambiar todo lo que el usuario puede cambiar (permiso antiguo y general; normalmente junto con read)
scopes-other = Otros permisos (separados por espacios)
scopes-change-warning = Cambiar los permisos de la aplicación en el panel de Factorial anula los tokens ya emitidos: vuelve a conectar después.
add-title = Añadir una aplicación
edit-title = Editar «{ $name }»
add-submit = Añadir aplicación
more-settings = Más ajustes
label-refresh-life = Los tokens de renovación duran
label-refresh-life-unit = Unidad
unit-minutes = minutos
unit-hours = horas
unit-days = días
refresh-life-help = Cuánto tiempo acepta el servidor un token de renovación: 7 días en Factorial. Mientras esta app está abierta, renueva cada cuenta mucho antes. Cámbialo solo para un servidor que diga otra cosa.
fixed-after-connect = El entorno y el ID de cliente no pueden cambiar mientras haya una cuenta conectada: los tokens ya emitidos dependen de ellos.

delete-title = ¿Eliminar «{ $name }»?
delete-body = { $accounts ->
    [0] Su secreto de cliente se borra del llavero de este ordenador.
    [one] Su secreto de cliente y los tokens de su cuenta se borran del llavero de este ordenador. Los tokens siguen siendo válidos en Factorial hasta que se revoquen allí: revócalos antes para anularlos.
   *[other] Su secreto de cliente y los tokens de sus { $accounts } cuentas se borran del llavero de este ordenador. Los tokens siguen siendo válidos en Factorial hasta que se revoquen allí: revócalos antes para anularlos.
}
revoke-title = ¿Revocar los tokens de { $label }?
revoke-body = Factorial deja de aceptarlos al instante y se borran de aquí. Los scripts que los usan dejan de funcionar hasta que vuelvas a conectar.
revoke = Revocar
forget-company-body = Este token de empresa no caduca y actúa en nombre de toda la empresa. Olvidarlo solo lo quita de este ordenador: sigue siendo válido en Factorial y desde aquí ya no se podrá revocar. Revocar lo anula en Factorial y lo quita de aquí.
forget-anyway = Olvidar solo aquí
forget-title = ¿Olvidar los tokens de { $label }?
forget-body = Se borran solo de este ordenador y siguen siendo válidos en Factorial hasta que se revoquen allí.
forget = Olvidar

user-token = Token de usuario
company-token = Token de empresa
connected-on = Conectada el { $date }
scopes-granted = Permisos: { $scopes }
scopes-application = los de la aplicación
refresh-token-until = Sigue conectada hasta el { $date } sin usarla
keep-alive-next = se renueva sola hacia el { $date }
copy-token = Copiar token
copy-for-scripts = Copiar para scripts
reveal = Mostrar
hide = Ocultar
test = Probar
refresh = Renovar
health-never-expires = Funciona, no caduca
health-expires-in = Funciona, caduca en { $span }
health-expires-soon = Caduca en { $span }; se renueva al usarlo
health-expired = Caducado; se renueva al usarlo
health-needs-admin = Necesita que vuelvas a conectar: { $reason }
health-kept = La mantienen viva en un servidor sus guardianes

span = { $unit ->
    [seconds] { $count } s
    [minutes] { $count } min
    [hours] { $count } h
   *[days] { $count ->
        [one] { $count } día
       *[other] { $count } días
    }
}

done-token-copied = El token de acceso está en el portapapeles durante { $span }; después se borra.
done-script-copied = Hay un comando para scripts en el portapapeles. Pide un token nuevo a Factorial Connect cada vez que se ejecuta y nunca contiene el token.
done-redirect-copied = La URI de redirección está en el portapapeles.
done-test = Factorial respondió: este token pertenece a { $who }.
done-refreshed = Renovado: el token nuevo funciona durante { $span } más.
done-shared = Compartido: el token ya está en su entrada, y cada token nuevo se publica allí tras su renovación.
done-sharing-tested = El gestor de secretos funciona: lo último publicado está allí, tal como se escribió.
done-sharing-stopped = Se dejó de compartir: la entrada ya no contiene ningún token.
share-with-servers = Compartir con servidores
test-sharing = Probar el compartido
stop-sharing = Dejar de compartir
hand-over = Entregar a un servidor
hand-over-title = ¿Entregar { $label } a los guardianes del servidor?
hand-over-body = Su token de renovación y el secreto de cliente de la aplicación se escriben una vez en una entrada privada del gestor de secretos y, desde entonces, los guardianes de allí (factorial-connect keeper, que administra TI) la renuevan y publican su token; este ordenador deja de renovarla y olvida su propia copia, y Copiar lee el token que ellos publican. Hazlo solo cuando haya un guardián en marcha allí: hasta entonces, el token deja de renovarse.
done-handed-over = Entregada: ahora la mantienen viva los guardianes del servidor.
stop-sharing-title = ¿Dejar de compartir el token de { $label }?
stop-sharing-body = Todas las versiones publicadas se destruyen en el gestor de secretos (queda una marca sin ningún token), y el inicio de sesión se borra de este ordenador. Los servidores que leen allí el token dejan de recibir tokens nuevos.
share-title = Compartir el token de { $label } con servidores
share-intro = El gestor de secretos de tu empresa (OpenBao o Vault) guarda el token de acceso donde lo leen sus servidores. Este ordenador sigue siendo el único que lo renueva: el token de renovación y el secreto de cliente nunca salen de él. Pide los datos de abajo a quien administra el gestor de secretos.
share-address = Dirección del gestor de secretos
share-address-help = Por ejemplo https://vault.example.com:8200.
share-mount = Montaje del motor de secretos KV versión 2
share-path = Ruta de la entrada
share-path-help = Por ejemplo factorial/nominas. Debe estar vacía o haberla dejado { -app }.
share-namespace = Espacio de nombres
share-optional = Opcional.
share-ca-file = Archivo de la autoridad de certificación (PEM)
share-ca-file-help = Opcional: la ruta del archivo de la CA de tu empresa en este ordenador, si firma el certificado del servidor.
share-approle = Iniciar sesión con AppRole
share-role-id = ID de rol de AppRole
share-token = Token
share-secret-id = ID secreto de AppRole
share-login-help = Se guarda en el llavero de este ordenador y no se vuelve a mostrar.
share-submit = Compartir
sharing-published = Compartido en { $server }, { $entry }: versión { $version }, publicada hace { $span }.
sharing-waiting = Compartido en { $server }, { $entry }: aún sin publicar.
sharing-failing = Compartido en { $server }, { $entry }, pero el último intento falló: { $why }
sharing-stopped = Se detuvo el compartido en { $server }, { $entry }: { $why }
sharing-kept = Entregada el { $date } a los guardianes de { $server }: ellos la renuevan y publican su token en { $entry }; Copiar lo lee allí. Su token de renovación está en { $private }.
done-revoked = Revocado en Factorial y borrado de aquí.
done-forgotten = Borrado de aquí; los tokens siguen siendo válidos en Factorial hasta que se revoquen allí.
done-forgotten-company = Borrado de este ordenador. El token de empresa sigue siendo válido en Factorial: si nadie lo necesita, revócalo en Factorial (Aplicaciones OAuth → esta aplicación).
account-unidentified = { $kind ->
    [company] Cuenta de empresa: Factorial no ha dicho cuál
   *[user] Cuenta de usuario: Factorial no ha dicho de quién
}
unidentified-unknown = Factorial no dijo de quién es este token. Pulsa Probar para volver a preguntar.
done-added = Se añadió «{ $name }». Ahora conéctala a tu usuario o a tu empresa.
done-saved = Se guardó «{ $name }».
done-deleted = Se eliminó «{ $name }» y sus secretos de este ordenador.
done-page-opened = La página de aplicaciones OAuth de Factorial está abierta en tu navegador.

waiting-title = Esperando a que Factorial conecte «{ $app }»…
waiting-browser = Termina en tu navegador: inicia sesión en Factorial y pulsa Autorizar.
waiting-url = Dirección de autorización:
paste-label = ¿El navegador no volvió? Pega la dirección en la que terminó, o el código que muestra:
paste-placeholder = factorial-connect://oauth/callback?code=… o el código
complete = Completar

## Lo que cada permiso de Factorial deja hacer a una herramienta (leer y escribir).

scope-banking = Cuentas bancarias y movimientos
scope-company_holidays = Calendarios de festivos de la empresa
scope-company_legal_entities = Sociedades de la empresa
scope-company_locations = Oficinas y centros de trabajo
scope-contracts = Contratos y salarios
scope-custom_fields = Campos personalizados
scope-documents = Documentos y carpetas
scope-employee_updates = Cambios de empleados (altas, bajas, modificaciones)
scope-employees = Empleados y equipos
scope-expenses = Gastos y notas de gastos
scope-finance = Finanzas: contabilidad, facturas, centros de coste
scope-integrations = Integraciones configuradas en Factorial
scope-job_catalog = Puestos y niveles
scope-marketplace = Aplicaciones del marketplace
scope-payroll = Nóminas
scope-payroll_supplements = Complementos y bonus de nómina
scope-performance = Evaluaciones de desempeño
scope-posts = Publicaciones y comunicados
scope-project_management_expenses = Gastos de proyectos
scope-project_management_projects = Proyectos
scope-project_management_time = Horas imputadas a proyectos
scope-recruitment = Selección: candidatos, ofertas y candidaturas
scope-shift_management = Turnos
scope-tasks = Tareas
scope-time_off = Ausencias: vacaciones y saldos
scope-time_tracking = Fichajes y horarios
scope-trainings = Formaciones y cursos

## Ajustes

settings = Ajustes
label-language = Idioma
language-system = El del sistema
label-start-at-login = Abrir Factorial Connect al iniciar sesión
start-at-login-help = Se abre en la bandeja (donde el escritorio la muestra), así las cuentas siguen conectadas sin abrir la ventana.
label-keep-alive = Mantener las cuentas conectadas
keep-alive-help = Mientras Factorial Connect está abierto, renueva cada cuenta de usuario antes de que caduquen sus tokens, para que nadie tenga que volver a conectarla al cabo de una semana. Sin esto, una cuenta que no se usa durante una semana hay que volver a conectarla.
label-keychain = Los secretos se guardan en
keychain-secret-service = el Secret Service (GNOME Keyring, KeePassXC o KWallet)
keychain-macos = el Llavero de macOS
keychain-windows = el Administrador de credenciales de Windows
for-support = Para soporte
label-keychain-entries = Entradas del llavero bajo
label-data-folder = Carpeta de datos
label-version = Versión
label-updates = Actualizaciones
updates-system-packages = Las nuevas versiones llegan con las actualizaciones de software del sistema si tu equipo de IT añadió el origen de paquetes de Factorial Connect. Si no, descarga el paquete nuevo y ábrelo: tus aplicaciones y cuentas se conservan.
updates-in-app = Factorial Connect solo instala versiones nuevas que lleven la firma de sus autores. Tus aplicaciones y cuentas se conservan.
updates-download-page = Esta copia no puede comprobar por sí misma las versiones nuevas. Descarga la nueva e instálala encima de esta: tus aplicaciones y cuentas se conservan.
check-for-update = Buscar actualizaciones
install-update = Instalar y reiniciar
open-downloads = Abrir la página de descargas
update-checking = Buscando una versión nueva…
update-latest = Esta es la última versión ({ $version }).
update-available = La versión { $version } está lista para instalarse.
update-installing = Instalando… Factorial Connect se reiniciará solo.
downloads-no-browser = No se pudo abrir ningún navegador. La página de descargas es { $url }
remove-everything = Eliminar todo de este ordenador
remove-everything-help = Todas las aplicaciones, cuentas y secretos que esta aplicación guarda aquí. Los tokens siguen siendo válidos en Factorial hasta que se revoquen allí.
remove-everything-title = ¿Eliminar todo de este ordenador?
remove-everything-body = { $apps ->
    [0] Aún no hay aplicaciones; no se eliminará nada.
    [one] Se eliminarán una aplicación y { $accounts ->
        [0] ninguna cuenta
        [one] su cuenta
       *[other] sus { $accounts } cuentas
    }, con todos sus secretos del llavero. Los tokens siguen siendo válidos en Factorial hasta que se revoquen allí.
   *[other] Se eliminarán { $apps } aplicaciones y { $accounts ->
        [0] ninguna cuenta
        [one] una cuenta
       *[other] { $accounts } cuentas
    }, con todos sus secretos del llavero. Los tokens siguen siendo válidos en Factorial hasta que se revoquen allí.
}
done-removed-everything = { $apps ->
    [one] Se eliminó una aplicación y sus secretos de este ordenador.
   *[other] Se eliminaron { $apps } aplicaciones y sus secretos de este ordenador.
}

## El botón junto a un error que lo arregla

connect-again = Volver a conectar

## Notificaciones del escritorio (la ventana las envía mientras está abierta; un clic hace lo que lo arregla)

notice-needs-admin-title = { $app }: vuelve a conectar
notice-needs-admin = { $label } te necesita: { $reason }. Haz clic para volver a conectarla.
notice-ends-soon-title = { $app }: deja de funcionar en { $span }
notice-ends-soon = { $label } lleva días sin renovarse, así que deja de funcionar en { $span } si no se usa. Haz clic para renovarla ahora (Factorial debe estar accesible).
notice-open = Abrir
try-again = Reintentar

## El menú de la bandeja

tray-no-accounts = Todavía no hay cuentas conectadas
tray-open = Abrir Factorial Connect
tray-pause = Pausar la renovación automática
tray-quit = Salir
