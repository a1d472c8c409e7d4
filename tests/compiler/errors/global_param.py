def handler(request, résumé):
    global résumé
    return request
