/** The emulators accept any credentials; fixed ones keep the SDK from searching the machine for real ones. */
export const localRegion = 'eu-central-1';
export const localCredentials = { accessKeyId: 'local', secretAccessKey: 'local' } as const;
