export declare const SOCKET_ADDRESS_HEADER: "x-portcullis-socket-address";
